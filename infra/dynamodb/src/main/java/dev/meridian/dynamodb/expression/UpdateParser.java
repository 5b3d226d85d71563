package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.expression.UpdateTree.Action;
import dev.meridian.dynamodb.expression.UpdateTree.Value;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over DynamoDB's update grammar:
 *
 * <pre>
 * update  := ( SET set ( ',' set )* | REMOVE path ( ',' path )* | ADD path :v ( ',' path :v )*
 *            | DELETE path :v ( ',' path :v )* )+          each clause at most once, in any order
 * set     := path '=' operand ( ( '+' | '-' ) operand )?
 * operand := path | :value | if_not_exists '(' path ',' operand ')' | list_append '(' operand ',' operand ')'
 * </pre>
 */
final class UpdateParser extends ParserBase {

    static final String KIND = "UpdateExpression";

    private enum Clause { SET, REMOVE, ADD, DELETE }

    UpdateParser(String source, ExpressionAttributes attributes) {
        super(KIND, source, attributes);
    }

    ParsedUpdate parse() {
        Set<Clause> seen = EnumSet.noneOf(Clause.class);
        List<Action> actions = new ArrayList<>();
        do {
            Token t = peek();
            Clause clause = clauseAt(t);
            if (clause == null) {
                throw syntaxError();
            }
            next();
            if (!seen.add(clause)) {
                hold(invalid("The \"" + clause + "\" section can only be used once in an update expression;", t));
            }
            do {
                actions.add(parseAction(clause));
            } while (accept(Token.Kind.COMMA));
        } while (!at(Token.Kind.EOF));
        finish();
        List<DocumentPath> paths = new ArrayList<>(actions.size());
        for (Action a : actions) paths.add(a.path());
        DocumentPath.checkDisjoint(KIND, paths);
        return new ParsedUpdate(actions);
    }

    @Override
    boolean isKeyword(String word) {
        return super.isKeyword(word) || clauseAt(new Token(Token.Kind.WORD, word, 0, 0)) != null;
    }

    private static Clause clauseAt(Token t) {
        if (t.kind() != Token.Kind.WORD) return null;
        return switch (t.text().toUpperCase(Locale.ROOT)) {
            case "SET" -> Clause.SET;
            case "REMOVE" -> Clause.REMOVE;
            case "ADD" -> Clause.ADD;
            case "DELETE" -> Clause.DELETE;
            default -> null;
        };
    }

    private Action parseAction(Clause clause) {
        if (!atPathStart()) {
            throw syntaxError();
        }
        DocumentPath path = parsePath();
        switch (clause) {
            case SET -> {
                expect(Token.Kind.EQ);
                return new UpdateTree.SetAction(path, parseSetValue());
            }
            case REMOVE -> {
                return new UpdateTree.RemoveAction(path);
            }
            case ADD -> {
                Token t = peek();
                AttributeValue v = parseValueRef();
                if (!(v instanceof AttributeValue.N || isSet(v)) && v != MISSING) {
                    hold(operandType("ADD", v, t));
                }
                return new UpdateTree.AddAction(path, v);
            }
            default -> {
                Token t = peek();
                AttributeValue v = parseValueRef();
                if (!isSet(v) && v != MISSING) {
                    hold(operandType("DELETE", v, t));
                }
                return new UpdateTree.DeleteAction(path, v);
            }
        }
    }

    private ExpressionException operandType(String operator, AttributeValue v, Token at) {
        return invalid("Incorrect operand type for operator or function; operator: " + operator + ", operand type: "
                + typeName(v) + ", typeSet: ALLOWED_FOR_" + operator + "_OPERAND", at);
    }

    private Value parseSetValue() {
        Value left = parseOperand();
        if (at(Token.Kind.PLUS) || at(Token.Kind.MINUS)) {
            boolean plus = next().kind() == Token.Kind.PLUS;
            return new UpdateTree.Arithmetic(left, plus, parseOperand());
        }
        return left;
    }

    private Value parseOperand() {
        Token t = peek();
        if (t.kind() == Token.Kind.VALUE_REF) {
            return new UpdateTree.ConstantValue(parseValueRef());
        }
        if (atCall()) {
            return parseFunction();
        }
        if (atPathStart()) {
            return new UpdateTree.PathValue(parsePath());
        }
        throw syntaxError();
    }

    private Value parseFunction() {
        Token name = next();
        String f = name.text();
        expect(Token.Kind.LPAREN);
        List<Value> args = new ArrayList<>(2);
        if (!at(Token.Kind.RPAREN)) {
            args.add(parseOperand());
            while (accept(Token.Kind.COMMA)) {
                args.add(parseOperand());
            }
        }
        expect(Token.Kind.RPAREN);
        Value dummy = new UpdateTree.ConstantValue(AttributeValue.NULL.INSTANCE);
        if (!Functions.isKnown(f)) {
            hold(invalid("Invalid function name; function: " + f, name));
            return dummy;
        }
        if (!Functions.UPDATE.contains(f)) {
            hold(invalid("The function is not allowed in an update expression; function: " + f, name));
            return dummy;
        }
        if (args.size() != 2) {
            hold(invalid("Incorrect number of operands for operator or function; operator or function: " + f
                    + ", number of operands: " + args.size(), name));
            return dummy;
        }
        if (f.equals("list_append")) {
            return new UpdateTree.ListAppend(args.get(0), args.get(1));
        }
        if (!(args.get(0) instanceof UpdateTree.PathValue p)) {
            hold(invalid("Operator or function requires a document path; operator or function: " + f, name));
            return dummy;
        }
        return new UpdateTree.IfNotExists(p.path(), args.get(1));
    }

    static boolean isSet(AttributeValue v) {
        return v instanceof AttributeValue.SS || v instanceof AttributeValue.NS || v instanceof AttributeValue.BS;
    }

    /** The type names DynamoDB uses in update-expression operand errors. */
    static String typeName(AttributeValue v) {
        return switch (v.type()) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "NULL" -> "NULL";
            case "L" -> "LIST";
            case "M" -> "MAP";
            case "SS" -> "STRING_SET";
            case "NS" -> "NUMBER_SET";
            default -> "BINARY_SET";
        };
    }
}

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
 * set     := path '=' value | path '=' '(' value ')'
 * value   := operand ( ( '+' | '-' ) operand )?
 * operand := path | :value | if_not_exists '(' path ',' operand ')' | list_append '(' operand ',' operand ')'
 *          | '(' operand ')'
 * </pre>
 */
final class UpdateParser extends ParserBase {

    static final String KIND = "UpdateExpression";

    private enum Clause { SET, REMOVE, ADD, DELETE }

    private static final List<Problem> PRIORITY = List.of(Problem.RESERVED, Problem.UNKNOWN_FUNCTION, Problem.SECTION,
            Problem.NAME, Problem.VALUE, Problem.OVERLAP, Problem.OPERAND, Problem.FUNCTION);
    private static final Value NOTHING = new UpdateTree.ConstantValue(MISSING);

    UpdateParser(String source, ExpressionAttributes attributes) {
        super(KIND, source, attributes);
    }

    @Override
    List<Problem> priority() {
        return PRIORITY;
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
                hold(Problem.SECTION, invalid("The \"" + clause + "\" section can only be used once in an update expression;", t));
            }
            do {
                actions.add(parseAction(clause));
            } while (accept(Token.Kind.COMMA));
        } while (!at(Token.Kind.EOF));
        List<DocumentPath> paths = new ArrayList<>(actions.size());
        for (Action a : actions) paths.add(a.path());
        ExpressionException overlap = DocumentPath.overlap(KIND, paths);
        if (overlap != null) {
            hold(Problem.OVERLAP, overlap);
        }
        finish();
        return new ParsedUpdate(actions);
    }

    /** In an update only the clause words are keywords (AND, OR ... are plain reserved words here). */
    @Override
    boolean isKeyword(String word) {
        return clauseAt(new Token(Token.Kind.WORD, word, 0, 0)) != null;
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
                    hold(Problem.OPERAND, operandType("ADD", v, t));
                }
                return new UpdateTree.AddAction(path, v);
            }
            default -> {
                Token t = peek();
                AttributeValue v = parseValueRef();
                if (!isSet(v) && v != MISSING) {
                    hold(Problem.OPERAND, operandType("DELETE", v, t));
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
        if (at(Token.Kind.LPAREN) && !parenthesisedOperandAhead()) {
            next();
            Value v = parseArithmetic();
            expect(Token.Kind.RPAREN);
            return v;
        }
        return parseArithmetic();
    }

    /** Whether the '(' at the cursor encloses a single operand rather than a whole {@code a + b}: no '+' or '-' directly inside. */
    private boolean parenthesisedOperandAhead() {
        int depth = 0;
        for (int i = 0; ; i++) {
            Token t = peek(i);
            if (t.kind() == Token.Kind.EOF) return true;
            if (t.kind() == Token.Kind.PLUS || t.kind() == Token.Kind.MINUS) {
                if (depth == 1) return false;
            } else if (t.kind() == Token.Kind.LPAREN) {
                depth++;
            } else if (t.kind() == Token.Kind.RPAREN && --depth == 0) {
                return true;
            }
        }
    }

    private Value parseArithmetic() {
        Value left = parseOperand();
        if (at(Token.Kind.PLUS) || at(Token.Kind.MINUS)) {
            Token op = next();
            countOperator();
            boolean plus = op.kind() == Token.Kind.PLUS;
            Value right = parseOperand();
            checkConstants(op, op.text(), "N", left, right);
            return new UpdateTree.Arithmetic(left, plus, right);
        }
        return left;
    }

    private Value parseOperand() {
        Token t = peek();
        if (t.kind() == Token.Kind.LPAREN) {
            next();
            Value inner = parseOperand();
            expect(Token.Kind.RPAREN);
            return inner;
        }
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
        countOperator();
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
        if (!Functions.UPDATE.contains(f)) {
            hold(Problem.UNKNOWN_FUNCTION, invalid("Invalid function name; function: " + f, name));
            return NOTHING;
        }
        if (args.size() != 2) {
            hold(Problem.FUNCTION, invalid("Incorrect number of operands for operator or function; operator or function: " + f
                    + ", number of operands: " + args.size(), name));
            return NOTHING;
        }
        if (f.equals("list_append")) {
            checkConstants(name, f, "L", args.get(0), args.get(1));
            return new UpdateTree.ListAppend(args.get(0), args.get(1));
        }
        if (!(args.get(0) instanceof UpdateTree.PathValue p)) {
            hold(Problem.FUNCTION, invalid("Operator or function requires a document path; operator or function: " + f, name));
            return NOTHING;
        }
        return new UpdateTree.IfNotExists(p.path(), args.get(1));
    }

    /** A constant operand of {@code + - list_append} must have the type the operator works on. */
    private void checkConstants(Token at, String operator, String type, Value... operands) {
        for (Value v : operands) {
            if (v instanceof UpdateTree.ConstantValue c && c.value() != MISSING && !c.value().type().equals(type)) {
                hold(Problem.FUNCTION, invalid("Incorrect operand type for operator or function; operator or function: " + operator
                        + ", operand type: " + c.value().type(), at));
                return;
            }
        }
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

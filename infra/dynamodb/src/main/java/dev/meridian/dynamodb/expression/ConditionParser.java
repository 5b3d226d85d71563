package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.expression.ConditionTree.Comparator;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Values;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over DynamoDB's condition grammar, precedence from loosest: OR, AND, NOT,
 * parentheses, then comparisons, IN, BETWEEN and the functions.
 *
 * <pre>
 * or        := and ( OR and )*
 * and       := not ( AND not )*
 * not       := NOT not | primary
 * primary   := '(' or ')' | function | operand ( comparator operand | BETWEEN operand AND operand
 *                                                | IN '(' operand ( ',' operand )* ')' )
 * operand   := path | :value | size '(' path ')'
 * </pre>
 */
final class ConditionParser extends ParserBase {

    static final int MAX_IN_OPERANDS = 100;
    private static final Set<String> TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

    /** Conditions that came straight from a parenthesised group: a group around one of them is redundant. */
    private final Set<Condition> grouped = Collections.newSetFromMap(new IdentityHashMap<>());

    ConditionParser(String kind, String source, ExpressionAttributes attributes) {
        super(kind, source, attributes);
    }

    Condition parse() {
        Condition c = parseOr();
        finish();
        return c;
    }

    private Condition parseOr() {
        Condition left = parseAnd();
        while (atWord("OR")) {
            next();
            left = new ConditionTree.Or(left, parseAnd());
        }
        return left;
    }

    private Condition parseAnd() {
        Condition left = parseNot();
        while (atWord("AND")) {
            next();
            left = new ConditionTree.And(left, parseNot());
        }
        return left;
    }

    private Condition parseNot() {
        if (atWord("NOT")) {
            next();
            return new ConditionTree.Not(parseNot());
        }
        return parsePrimary();
    }

    private Condition parsePrimary() {
        Token t = peek();
        if (t.kind() == Token.Kind.LPAREN) {
            next();
            Condition inner = parseOr();
            expect(Token.Kind.RPAREN);
            if (!grouped.add(inner)) {
                hold(invalid("The expression has redundant parentheses;", t));
            }
            return inner;
        }
        if (atCall()) {
            FunctionCall call = parseCall();
            if (atComparisonTail()) {
                return parseComparisonTail(callAsOperand(call));
            }
            return callAsCondition(call);
        }
        return parseComparisonTail(parseOperand());
    }

    private boolean atComparisonTail() {
        Token.Kind k = peek().kind();
        return k == Token.Kind.EQ || k == Token.Kind.NE || k == Token.Kind.LT || k == Token.Kind.LE
                || k == Token.Kind.GT || k == Token.Kind.GE || atWord("BETWEEN") || atWord("IN");
    }

    private Condition parseComparisonTail(Operand left) {
        Token t = peek();
        Comparator op = switch (t.kind()) {
            case EQ -> Comparator.EQ;
            case NE -> Comparator.NE;
            case LT -> Comparator.LT;
            case LE -> Comparator.LE;
            case GT -> Comparator.GT;
            case GE -> Comparator.GE;
            default -> null;
        };
        if (op != null) {
            next();
            return new ConditionTree.Compare(op, left, parseOperand());
        }
        if (t.isWord("BETWEEN")) {
            next();
            Operand low = parseOperand();
            if (!atWord("AND")) {
                throw syntaxError();
            }
            next();
            Operand high = parseOperand();
            if (low instanceof Operand.Constant lo && high instanceof Operand.Constant hi) {
                Integer c = Values.compare(lo.value(), hi.value());
                if (c != null && c > 0) {
                    hold(invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound;"
                            + " lower bound operand: AttributeValue: " + brief(lo.value())
                            + ", upper bound operand: AttributeValue: " + brief(hi.value()), t));
                }
            }
            return new ConditionTree.Between(left, low, high);
        }
        if (t.isWord("IN")) {
            next();
            expect(Token.Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(parseOperand());
            while (accept(Token.Kind.COMMA)) {
                candidates.add(parseOperand());
            }
            expect(Token.Kind.RPAREN);
            if (candidates.size() > MAX_IN_OPERANDS) {
                hold(invalid("The IN operator is provided with too many operands; number of operands: "
                        + candidates.size(), t));
            }
            return new ConditionTree.In(left, List.copyOf(candidates));
        }
        throw syntaxError();
    }

    /** A path, a {@code :value} or {@code size(path)}. */
    Operand parseOperand() {
        Token t = peek();
        if (t.kind() == Token.Kind.VALUE_REF) {
            return new Operand.Constant(parseValueRef());
        }
        if (atCall()) {
            return callAsOperand(parseCall());
        }
        if (atPathStart()) {
            return new Operand.PathRef(parsePath());
        }
        throw syntaxError();
    }

    // ---- functions

    /** A function as written: its name token and its operands (each a path, a value or a nested size). */
    record FunctionCall(Token name, List<Operand> args) {
        String function() {
            return name.text();
        }
    }

    private FunctionCall parseCall() {
        Token name = next();
        if (!Functions.isKnown(name.text())) {
            hold(invalid("Invalid function name; function: " + name.text(), name));
        }
        expect(Token.Kind.LPAREN);
        List<Operand> args = new ArrayList<>(2);
        if (!at(Token.Kind.RPAREN)) {
            args.add(parseOperand());
            while (accept(Token.Kind.COMMA)) {
                args.add(parseOperand());
            }
        }
        expect(Token.Kind.RPAREN);
        return new FunctionCall(name, args);
    }

    private Operand callAsOperand(FunctionCall call) {
        String f = call.function();
        if (!f.equals("size")) {
            if (Functions.isKnown(f)) {
                hold(invalid("The function is not allowed to be used this way in an expression; function: " + f, call.name()));
            }
            return new Operand.Constant(AttributeValue.NULL.INSTANCE);
        }
        arity(call, 1);
        return new Operand.Size(pathArg(call, 0));
    }

    private Condition callAsCondition(FunctionCall call) {
        String f = call.function();
        switch (f) {
            case "attribute_exists":
            case "attribute_not_exists":
                arity(call, 1);
                return new ConditionTree.Exists(pathArg(call, 0), f.equals("attribute_exists"));
            case "attribute_type":
                arity(call, 2);
                return new ConditionTree.AttributeType(pathArg(call, 0), typeArg(call));
            case "begins_with":
                arity(call, 2);
                checkConstantType(call, 0, "S", "B");
                checkConstantType(call, 1, "S", "B");
                return new ConditionTree.BeginsWith(arg(call, 0), arg(call, 1));
            case "contains":
                arity(call, 2);
                return new ConditionTree.Contains(arg(call, 0), arg(call, 1));
            default:
                if (Functions.isKnown(f)) {
                    hold(invalid("The function is not allowed to be used this way in an expression; function: " + f, call.name()));
                }
                return new ConditionTree.Exists(DocumentPath.of(f), false);
        }
    }

    private void arity(FunctionCall call, int expected) {
        if (call.args().size() != expected) {
            hold(invalid("Incorrect number of operands for operator or function; operator or function: "
                    + call.function() + ", number of operands: " + call.args().size(), call.name()));
        }
    }

    private Operand arg(FunctionCall call, int i) {
        return i < call.args().size() ? call.args().get(i) : new Operand.Constant(AttributeValue.NULL.INSTANCE);
    }

    private DocumentPath pathArg(FunctionCall call, int i) {
        if (arg(call, i) instanceof Operand.PathRef ref) {
            return ref.path();
        }
        if (i < call.args().size()) {
            hold(invalid("Operator or function requires a document path; operator or function: " + call.function(), call.name()));
        }
        return DocumentPath.of(call.function());
    }

    private String typeArg(FunctionCall call) {
        Operand o = arg(call, 1);
        if (!(o instanceof Operand.Constant c)) {
            hold(invalid("Incorrect operand type for operator or function; operator or function: attribute_type,"
                    + " operand type: " + (o instanceof Operand.Size ? "N" : "path"), call.name()));
            return "";
        }
        if (!(c.value() instanceof AttributeValue.S s)) {
            hold(invalid("Incorrect operand type for operator or function; operator or function: attribute_type,"
                    + " operand type: " + c.value().type(), call.name()));
            return "";
        }
        if (!TYPES.contains(s.value())) {
            hold(invalid("Invalid attribute type name found; type: " + s.value()
                    + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }", call.name()));
        }
        return s.value();
    }

    private void checkConstantType(FunctionCall call, int i, String... allowed) {
        if (arg(call, i) instanceof Operand.Constant c && i < call.args().size()) {
            String type = c.value().type();
            for (String a : allowed) {
                if (a.equals(type)) return;
            }
            hold(invalid("Incorrect operand type for operator or function; operator or function: " + call.function()
                    + ", operand type: " + type, call.name()));
        }
    }

    /** {@code {N:5}}, as DynamoDB shows a constant in a message. */
    static String brief(AttributeValue v) {
        if (v instanceof AttributeValue.S s) return "{S:" + s.value() + "}";
        if (v instanceof AttributeValue.N n) return "{N:" + n.text() + "}";
        if (v instanceof AttributeValue.B b) return "{B:" + b.base64() + "}";
        return "{" + v.type() + ":" + v + "}";
    }
}

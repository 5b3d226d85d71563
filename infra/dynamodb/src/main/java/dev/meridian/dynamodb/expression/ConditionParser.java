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
 * operand   := path | :value | size '(' operand ')' | '(' operand ')'
 * </pre>
 */
final class ConditionParser extends ParserBase {

    static final int MAX_IN_OPERANDS = 100;
    private static final Set<String> TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
    private static final List<Problem> PRIORITY = List.of(Problem.PARENS, Problem.UNKNOWN_FUNCTION, Problem.MISUSED_FUNCTION,
            Problem.RESERVED, Problem.CONDITION, Problem.NAME, Problem.OPERAND_COUNT, Problem.DISTINCT, Problem.FUNCTION);
    /** What a single condition reports of the problems found so far, in this order. */
    private static final List<Problem> CONDITION_PRIORITY = List.of(Problem.NAME, Problem.OPERAND_COUNT, Problem.DISTINCT, Problem.FUNCTION);
    private static final Operand NOTHING = new Operand.Constant(MISSING);

    /** Conditions that came straight from a parenthesised group: a group around one of them is redundant. */
    private final Set<Condition> grouped = Collections.newSetFromMap(new IdentityHashMap<>());

    ConditionParser(String kind, String source, ExpressionAttributes attributes) {
        super(kind, source, attributes);
    }

    @Override
    List<Problem> priority() {
        return PRIORITY;
    }

    /** DynamoDB reports an undefined name or value in a condition as one kind: the first found. */
    @Override
    Problem category(Problem p) {
        return p == Problem.VALUE ? Problem.NAME : p;
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
            countOperator();
            left = new ConditionTree.Or(left, parseAnd());
        }
        return left;
    }

    private Condition parseAnd() {
        Condition left = parseNot();
        while (atWord("AND")) {
            next();
            countOperator();
            left = new ConditionTree.And(left, parseNot());
        }
        return left;
    }

    private Condition parseNot() {
        if (atWord("NOT")) {
            next();
            countOperator();
            return new ConditionTree.Not(parseNot());
        }
        return parsePrimary();
    }

    private Condition parsePrimary() {
        Token t = peek();
        if (t.kind() == Token.Kind.LPAREN && !parenthesisedOperandAhead()) {
            next();
            Condition inner = parseOr();
            expect(Token.Kind.RPAREN);
            if (!grouped.add(inner)) {
                hold(Problem.PARENS, invalid("The expression has redundant parentheses;", t));
            }
            return inner;
        }
        Condition c;
        if (atCall()) {
            FunctionCall call = parseCall();
            c = atComparisonTail(peek()) ? parseComparisonTail(callAsOperand(call)) : callAsCondition(call);
        } else {
            c = parseComparisonTail(parseOperand());
        }
        endCondition();
        return c;
    }

    /**
     * After each comparison or function: DynamoDB reports, of the problems found so far, the
     * first of the first condition that saw one (undefined placeholders, operand counts, same
     * operands, operand types, in that order).
     */
    private void endCondition() {
        ExpressionException e = firstHeld(CONDITION_PRIORITY);
        if (e != null) {
            hold(Problem.CONDITION, e);
        }
    }

    /** Whether the '(' at the cursor encloses an operand: what follows its matching ')' is a comparison. */
    private boolean parenthesisedOperandAhead() {
        int depth = 0;
        for (int i = 0; ; i++) {
            Token t = peek(i);
            if (t.kind() == Token.Kind.EOF) return false;
            if (t.kind() == Token.Kind.LPAREN) depth++;
            else if (t.kind() == Token.Kind.RPAREN && --depth == 0) return atComparisonTail(peek(i + 1));
        }
    }

    private static boolean atComparisonTail(Token t) {
        Token.Kind k = t.kind();
        return k == Token.Kind.EQ || k == Token.Kind.NE || k == Token.Kind.LT || k == Token.Kind.LE
                || k == Token.Kind.GT || k == Token.Kind.GE || t.isWord("BETWEEN") || t.isWord("IN");
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
            countOperator();
            Operand right = parseOperand();
            distinct(op.symbol, left, right, t);
            return new ConditionTree.Compare(op, left, right);
        }
        if (t.isWord("BETWEEN")) {
            next();
            countOperator();
            Operand low = parseOperand();
            if (!atWord("AND")) {
                throw syntaxError();
            }
            next();
            Operand high = parseOperand();
            if (low instanceof Operand.Constant lo && high instanceof Operand.Constant hi && lo.value() != MISSING && hi.value() != MISSING) {
                String bounds = " lower bound operand: AttributeValue: " + brief(lo.value())
                        + ", upper bound operand: AttributeValue: " + brief(hi.value());
                if (!lo.value().type().equals(hi.value().type())) {
                    hold(Problem.FUNCTION, invalid("The BETWEEN operator requires same data type for lower and upper bounds;" + bounds, t));
                } else {
                    Integer c = Values.compare(lo.value(), hi.value());
                    if (c != null && c > 0) {
                        hold(Problem.FUNCTION, invalid("The BETWEEN operator requires upper bound to be greater than or equal"
                                + " to lower bound;" + bounds, t));
                    }
                }
            }
            return new ConditionTree.Between(left, low, high);
        }
        if (t.isWord("IN")) {
            next();
            countOperator();
            expect(Token.Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(parseOperand());
            while (accept(Token.Kind.COMMA)) {
                candidates.add(parseOperand());
            }
            expect(Token.Kind.RPAREN);
            if (candidates.size() > MAX_IN_OPERANDS) {
                hold(Problem.FUNCTION, invalid("The IN operator is provided with too many operands; number of operands: "
                        + candidates.size(), t));
            }
            return new ConditionTree.In(left, List.copyOf(candidates));
        }
        throw syntaxError();
    }

    /** A path, a {@code :value}, {@code size(...)}, or one of these in parentheses. */
    Operand parseOperand() {
        return parseOperand(0);
    }

    private Operand parseOperand(int depth) {
        Token t = peek();
        if (t.kind() == Token.Kind.LPAREN) {
            next();
            if (depth > 0) {
                hold(Problem.PARENS, invalid("The expression has redundant parentheses;", t));
            }
            Operand inner = parseOperand(depth + 1);
            expect(Token.Kind.RPAREN);
            return inner;
        }
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

    /** A function as written: its name token and its operands. */
    record FunctionCall(Token name, List<Operand> args) {
        String function() {
            return name.text();
        }
    }

    private FunctionCall parseCall() {
        Token name = next();
        countOperator();
        if (!Functions.isKnown(name.text())) {
            hold(Problem.UNKNOWN_FUNCTION, invalid("Invalid function name; function: " + name.text(), name));
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

    /** Only size gives a value; another function where a value is expected is misused. */
    private Operand callAsOperand(FunctionCall call) {
        String f = call.function();
        if (!f.equals("size")) {
            if (Functions.isKnown(f)) {
                hold(Problem.MISUSED_FUNCTION, invalid("The function is not allowed to be used this way in an expression; function: " + f, call.name()));
            }
            return NOTHING;
        }
        if (!arity(call, 1)) {
            return NOTHING;
        }
        Operand arg = call.args().get(0);
        if (arg instanceof Operand.PathRef ref) {
            return new Operand.Size(ref.path());
        }
        String type = typeOf(arg);
        AttributeValue.N size = arg instanceof Operand.Constant c ? Operand.Size.sizeOf(c.value()) : null;
        if (size == null) {
            if (type != null && !(arg instanceof Operand.Constant c && c.value() == MISSING)) {
                hold(Problem.FUNCTION, operandType(call, type));
            }
            return NOTHING;
        }
        return new Operand.Constant(size);
    }

    private Condition callAsCondition(FunctionCall call) {
        String f = call.function();
        switch (f) {
            case "attribute_exists":
            case "attribute_not_exists":
                return arity(call, 1)
                        ? new ConditionTree.Exists(pathArg(call), f.equals("attribute_exists"))
                        : new ConditionTree.Exists(DocumentPath.of(f), true);
            case "attribute_type":
                if (!arity(call, 2)) return new ConditionTree.Exists(DocumentPath.of(f), true);
                distinct(f, call.args().get(0), call.args().get(1), call.name());
                return new ConditionTree.AttributeType(pathArg(call), typeArg(call));
            case "begins_with":
                if (!arity(call, 2)) return new ConditionTree.Exists(DocumentPath.of(f), true);
                distinct(f, call.args().get(0), call.args().get(1), call.name());
                for (Operand arg : call.args()) {
                    String type = typeOf(arg);
                    if (type != null && !type.equals("S") && !type.equals("B")) {
                        hold(Problem.FUNCTION, operandType(call, type));
                    }
                }
                return new ConditionTree.BeginsWith(call.args().get(0), call.args().get(1));
            case "contains":
                if (!arity(call, 2)) return new ConditionTree.Exists(DocumentPath.of(f), true);
                distinct(f, call.args().get(0), call.args().get(1), call.name());
                return new ConditionTree.Contains(call.args().get(0), call.args().get(1));
            default:
                if (Functions.isKnown(f)) {
                    hold(Problem.MISUSED_FUNCTION, invalid("The function is not allowed to be used this way in an expression; function: " + f, call.name()));
                }
                return new ConditionTree.Exists(DocumentPath.of(f), true);
        }
    }

    private boolean arity(FunctionCall call, int expected) {
        if (call.args().size() != expected) {
            hold(Problem.OPERAND_COUNT, invalid("Incorrect number of operands for operator or function; operator or function: "
                    + call.function() + ", number of operands: " + call.args().size(), call.name()));
            return false;
        }
        return true;
    }

    private DocumentPath pathArg(FunctionCall call) {
        if (call.args().get(0) instanceof Operand.PathRef ref) {
            return ref.path();
        }
        hold(Problem.FUNCTION, invalid("Operator or function requires a document path; operator or function: " + call.function(), call.name()));
        return DocumentPath.of(call.function());
    }

    private String typeArg(FunctionCall call) {
        Operand o = call.args().get(1);
        if (o instanceof Operand.Constant c && c.value() instanceof AttributeValue.S s) {
            if (!TYPES.contains(s.value())) {
                hold(Problem.FUNCTION, invalid("Invalid attribute type name found; type: " + s.value()
                        + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}", call.name()));
            }
            return s.value();
        }
        if (!(o instanceof Operand.Constant c && c.value() == MISSING)) {
            String type = typeOf(o);
            hold(Problem.FUNCTION, operandType(call, type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type));
        }
        return "";
    }

    /** DynamoDB rejects a comparison or function whose two operands are the same path. */
    private void distinct(String operator, Operand a, Operand b, Token at) {
        if (a instanceof Operand.PathRef x && b instanceof Operand.PathRef y && x.path().equals(y.path())) {
            hold(Problem.DISTINCT, invalid("The first operand must be distinct from the remaining operands for this operator"
                    + " or function; operator: " + operator + ", first operand: " + x.path(), at));
        }
    }

    private ExpressionException operandType(FunctionCall call, String type) {
        return invalid("Incorrect operand type for operator or function; operator or function: " + call.function()
                + ", operand type: " + type, call.name());
    }

    /** The type an operand is known to have before any item is seen: a constant's, N for size; null for a path. */
    private static String typeOf(Operand o) {
        if (o instanceof Operand.Constant c) return c.value() == MISSING ? null : c.value().type();
        if (o instanceof Operand.Size) return "N";
        return null;
    }

    /** {@code {N:5}}, as DynamoDB shows a constant in a message. */
    static String brief(AttributeValue v) {
        if (v instanceof AttributeValue.S s) return "{S:" + s.value() + "}";
        if (v instanceof AttributeValue.N n) return "{N:" + n.text() + "}";
        if (v instanceof AttributeValue.B b) return "{B:" + b.base64() + "}";
        return "{" + v.type() + ":" + v + "}";
    }
}

package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.expression.ConditionTree.Comparator;
import dev.meridian.dynamodb.expression.KeyCondition.Term;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A KeyConditionExpression: parsed with the condition grammar, then narrowed to what a key
 * condition may say: {@code key = :v} and optionally {@code AND key (= < <= > >=) :v},
 * {@code key BETWEEN :a AND :b} or {@code begins_with(key, :v)}.
 */
final class KeyConditionParser {

    static final String KIND = "KeyConditionExpression";

    private KeyConditionParser() {
    }

    static KeyCondition parse(String source, ExpressionAttributes attributes) {
        Condition tree = new ConditionParser(KIND, source, attributes).parse();
        List<KeyCondition.Term> terms = new ArrayList<>(2);
        collect(tree, terms);
        Set<String> names = new HashSet<>();
        for (KeyCondition.Term t : terms) {
            if (!names.add(t.attributeName())) {
                throw new ExpressionException("KeyConditionExpressions must only contain one condition per key", -1);
            }
        }
        return new KeyCondition(List.copyOf(terms));
    }

    private static void collect(Condition c, List<KeyCondition.Term> terms) {
        if (c instanceof ConditionTree.And and) {
            collect(and.left(), terms);
            collect(and.right(), terms);
        } else if (c instanceof ConditionTree.Or) {
            throw operator("OR");
        } else if (c instanceof ConditionTree.Not) {
            throw operator("NOT");
        } else if (c instanceof ConditionTree.In) {
            throw operator("IN");
        } else if (c instanceof ConditionTree.Exists e) {
            throw operator(e.exists() ? "attribute_exists" : "attribute_not_exists");
        } else if (c instanceof ConditionTree.AttributeType) {
            throw operator("attribute_type");
        } else if (c instanceof ConditionTree.Contains) {
            throw operator("contains");
        } else if (c instanceof ConditionTree.Compare cmp) {
            if (cmp.op() == Comparator.NE) {
                throw operator("<>");
            }
            terms.add(term(cmp.op(), List.of(cmp.left(), cmp.right())));
        } else if (c instanceof ConditionTree.Between b) {
            if (!(b.value() instanceof Operand.PathRef)) {
                throw condition("BETWEEN operator must have the key attribute as its first operand");
            }
            terms.add(term(null, List.of(b.value(), b.low(), b.high())));
        } else if (c instanceof ConditionTree.BeginsWith bw) {
            if (!(bw.value() instanceof Operand.PathRef)) {
                throw condition("begins_with operator must have the key attribute as its first operand");
            }
            Term t = term(null, List.of(bw.value(), bw.prefix()));
            terms.add(new Term(t.attributeName(), KeyCondition.Op.BEGINS_WITH, t.values()));
        } else {
            throw new IllegalStateException("condition node not handled in a key condition: " + c);
        }
    }

    /**
     * One term from the operands of a comparison ({@code op} given) or of BETWEEN (op null): the
     * operands are looked at in order, as DynamoDB does, for a second attribute name, a nested
     * attribute or a nested operation; a comparison with the key on the right is turned around.
     */
    private static Term term(Comparator op, List<Operand> operands) {
        String name = null;
        int at = -1;
        List<AttributeValue> values = new ArrayList<>(2);
        for (int i = 0; i < operands.size(); i++) {
            Operand o = operands.get(i);
            if (o instanceof Operand.PathRef ref) {
                if (name != null) {
                    throw condition("Multiple attribute names used in one condition");
                }
                if (!ref.path().isTopLevel()) {
                    throw new ExpressionException("KeyConditionExpressions cannot have conditions on nested attributes", -1);
                }
                name = ref.path().topLevel();
                at = i;
            } else if (o instanceof Operand.Size) {
                throw operator("size");
            } else {
                values.add(((Operand.Constant) o).value());
            }
        }
        if (name == null) {
            throw condition("No key attribute specified");
        }
        if (op == null) {
            return new Term(name, KeyCondition.Op.BETWEEN, List.copyOf(values));
        }
        Comparator effective = at == 0 ? op : switch (op) {
            case LT -> Comparator.GT;
            case LE -> Comparator.GE;
            case GT -> Comparator.LT;
            case GE -> Comparator.LE;
            default -> op;
        };
        KeyCondition.Op keyOp = switch (effective) {
            case EQ -> KeyCondition.Op.EQ;
            case LT -> KeyCondition.Op.LT;
            case LE -> KeyCondition.Op.LE;
            case GT -> KeyCondition.Op.GT;
            case GE -> KeyCondition.Op.GE;
            case NE -> throw operator("<>");
        };
        return new Term(name, keyOp, List.copyOf(values));
    }

    private static ExpressionException operator(String op) {
        if (op.equals("size")) {
            return new ExpressionException("KeyConditionExpressions cannot contain nested operations", -1);
        }
        return new ExpressionException("Invalid operator used in KeyConditionExpression: " + op, -1);
    }

    private static ExpressionException condition(String detail) {
        return new ExpressionException("Invalid condition in KeyConditionExpression: " + detail, -1);
    }
}

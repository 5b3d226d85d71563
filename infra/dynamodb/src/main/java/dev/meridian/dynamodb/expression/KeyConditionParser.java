package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.expression.ConditionTree.Comparator;
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
            terms.add(compare(cmp));
        } else if (c instanceof ConditionTree.Between b) {
            if (!(b.value() instanceof Operand.PathRef) && !(b.value() instanceof Operand.Size)) {
                throw condition("BETWEEN operator must have the key attribute as its first operand");
            }
            String name = keyName(b.value());
            terms.add(new KeyCondition.Term(name, KeyCondition.Op.BETWEEN, List.of(constant(b.low()), constant(b.high()))));
        } else if (c instanceof ConditionTree.BeginsWith bw) {
            if (!(bw.value() instanceof Operand.PathRef) && !(bw.value() instanceof Operand.Size)) {
                throw condition("begins_with operator must have the key attribute as its first operand");
            }
            String name = keyName(bw.value());
            terms.add(new KeyCondition.Term(name, KeyCondition.Op.BEGINS_WITH, List.of(constant(bw.prefix()))));
        } else {
            throw new IllegalStateException("condition node not handled in a key condition: " + c);
        }
    }

    private static KeyCondition.Term compare(ConditionTree.Compare cmp) {
        if (cmp.op() == Comparator.NE) {
            throw operator("<>");
        }
        Operand left = cmp.left();
        Operand right = cmp.right();
        Comparator op = cmp.op();
        if (left instanceof Operand.Size || right instanceof Operand.Size) {
            throw operator("size");
        }
        if (left instanceof Operand.PathRef && right instanceof Operand.PathRef) {
            throw condition("Multiple attribute names used in one condition");
        }
        if (left instanceof Operand.Constant && right instanceof Operand.Constant) {
            throw condition("No key attribute specified");
        }
        if (left instanceof Operand.Constant) {
            Operand swap = left;
            left = right;
            right = swap;
            op = switch (op) {
                case LT -> Comparator.GT;
                case LE -> Comparator.GE;
                case GT -> Comparator.LT;
                case GE -> Comparator.LE;
                default -> op;
            };
        }
        KeyCondition.Op keyOp = switch (op) {
            case EQ -> KeyCondition.Op.EQ;
            case LT -> KeyCondition.Op.LT;
            case LE -> KeyCondition.Op.LE;
            case GT -> KeyCondition.Op.GT;
            case GE -> KeyCondition.Op.GE;
            case NE -> throw operator("<>");
        };
        return new KeyCondition.Term(keyName(left), keyOp, List.of(constant(right)));
    }

    private static String keyName(Operand o) {
        if (o instanceof Operand.Size) {
            throw operator("size");
        }
        if (!(o instanceof Operand.PathRef ref)) {
            throw condition("No key attribute specified");
        }
        if (!ref.path().isTopLevel()) {
            throw new ExpressionException("KeyConditionExpressions cannot have conditions on nested attributes", -1);
        }
        return ref.path().topLevel();
    }

    private static AttributeValue constant(Operand o) {
        if (o instanceof Operand.Constant c) {
            return c.value();
        }
        if (o instanceof Operand.Size) {
            throw operator("size");
        }
        throw condition("Multiple attribute names used in one condition");
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

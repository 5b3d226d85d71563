package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Values;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The nodes of a parsed condition. Each evaluates itself over an item; values of different
 * types never compare (the comparison is false, {@code <>} true), and {@code < <= > >=} and
 * BETWEEN order only S, N and B.
 */
final class ConditionTree {

    private ConditionTree() {
    }

    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }
    }

    record Compare(Comparator op, Operand left, Operand right) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue a = left.evaluate(item);
            AttributeValue b = right.evaluate(item);
            switch (op) {
                case EQ: return a != null && a.equals(b);
                case NE: return a == null || !a.equals(b);
                default:
                    if (a == null || b == null) return false;
                    Integer c = Values.compare(a, b);
                    if (c == null) return false;
                    return switch (op) {
                        case LT -> c < 0;
                        case LE -> c <= 0;
                        case GT -> c > 0;
                        default -> c >= 0;
                    };
            }
        }
    }

    record Between(Operand value, Operand low, Operand high) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            if (v == null) return false;
            AttributeValue lo = low.evaluate(item);
            AttributeValue hi = high.evaluate(item);
            if (lo == null || hi == null) return false;
            Integer c1 = Values.compare(v, lo);
            Integer c2 = Values.compare(v, hi);
            return c1 != null && c2 != null && c1 >= 0 && c2 <= 0;
        }
    }

    record In(Operand value, List<Operand> candidates) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            if (v == null) return false;
            for (Operand o : candidates) {
                if (v.equals(o.evaluate(item))) return true;
            }
            return false;
        }
    }

    record And(Condition left, Condition right) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) && right.test(item);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return left.test(item) || right.test(item);
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return !inner.test(item);
        }
    }

    /** attribute_exists (exists true) or attribute_not_exists (exists false). */
    record Exists(DocumentPath path, boolean exists) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            return (path.resolve(item) != null) == exists;
        }
    }

    record AttributeType(DocumentPath path, String type) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = path.resolve(item);
            return v != null && v.type().equals(type);
        }
    }

    record BeginsWith(Operand value, Operand prefix) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue v = value.evaluate(item);
            AttributeValue p = prefix.evaluate(item);
            if (v instanceof AttributeValue.S s && p instanceof AttributeValue.S ps) {
                return s.value().startsWith(ps.value());
            }
            if (v instanceof AttributeValue.B b && p instanceof AttributeValue.B pb) {
                byte[] bytes = b.value();
                byte[] start = pb.value();
                return start.length <= bytes.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
            }
            return false;
        }
    }

    /** A substring of a string, a member of a set (of the element's type), an element of a list. */
    record Contains(Operand container, Operand element) implements Condition {
        public boolean test(Map<String, AttributeValue> item) {
            AttributeValue c = container.evaluate(item);
            AttributeValue e = element.evaluate(item);
            if (c == null || e == null) return false;
            if (c instanceof AttributeValue.S s) {
                return e instanceof AttributeValue.S es && s.value().contains(es.value());
            }
            if (c instanceof AttributeValue.SS ss) {
                return e instanceof AttributeValue.S es && ss.values().contains(es.value());
            }
            if (c instanceof AttributeValue.NS ns) {
                return e instanceof AttributeValue.N en && ns.values().contains(en.value());
            }
            if (c instanceof AttributeValue.BS bs) {
                return e instanceof AttributeValue.B && bs.values().contains(e);
            }
            if (c instanceof AttributeValue.L l) {
                for (AttributeValue v : l.values()) {
                    if (Objects.equals(v, e)) return true;
                }
            }
            return false;
        }
    }
}

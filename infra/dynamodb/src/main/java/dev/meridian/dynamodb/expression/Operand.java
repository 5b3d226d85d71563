package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.Map;

/** An operand of a condition: a document path, a {@code :value}, or {@code size(path)}. */
sealed interface Operand {

    /** The operand's value for the item, or null when it has none (a missing path, size of a number). */
    AttributeValue evaluate(Map<String, AttributeValue> item);

    record PathRef(DocumentPath path) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return path.resolve(item);
        }
    }

    record Constant(AttributeValue value) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return value;
        }
    }

    /** {@code size(path)}: string length in UTF-8 bytes, binary length, element count of a set, list or map. */
    record Size(DocumentPath path) implements Operand {
        public AttributeValue evaluate(Map<String, AttributeValue> item) {
            return sizeOf(path.resolve(item));
        }

        /** The size of a value as a number, or null for a value without one (a number, boolean, NULL or nothing). */
        static AttributeValue.N sizeOf(AttributeValue v) {
            long size;
            if (v instanceof AttributeValue.S s) size = utf8Length(s.value());
            else if (v instanceof AttributeValue.B b) size = b.length();
            else if (v instanceof AttributeValue.SS ss) size = ss.values().size();
            else if (v instanceof AttributeValue.NS ns) size = ns.values().size();
            else if (v instanceof AttributeValue.BS bs) size = bs.values().size();
            else if (v instanceof AttributeValue.L l) size = l.values().size();
            else if (v instanceof AttributeValue.M m) size = m.values().size();
            else return null;
            return new AttributeValue.N(BigDecimal.valueOf(size));
        }

        private static long utf8Length(String s) {
            int n = s.length();
            long bytes = n;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    if (c < 0x800) bytes += 1;
                    else if (Character.isHighSurrogate(c)) { bytes += 2; i++; }
                    else bytes += 2;
                }
            }
            return bytes;
        }
    }
}

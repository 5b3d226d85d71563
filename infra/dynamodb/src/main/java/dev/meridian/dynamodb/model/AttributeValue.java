package dev.meridian.dynamodb.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value, immutable. Numbers are held canonical (trailing zeros
 * stripped), so equal numbers are equal records and print as DynamoDB prints them.
 */
public sealed interface AttributeValue {

    /** The wire name of this value's type: S, N, B, SS, NS, BS, M, L, BOOL or NULL. */
    String type();

    /** The size DynamoDB charges for this value (item size limit, capacity units). */
    long size();

    record S(String value) implements AttributeValue {
        public S {
            if (value == null) throw new NullPointerException("value");
        }
        public String type() { return "S"; }
        public long size() { return value.getBytes(StandardCharsets.UTF_8).length; }
    }

    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.canonical(value);
        }
        /** Parses a wire number; throws {@link NumberFormatException} when it is not one. */
        public static N of(String text) {
            return new N(Numbers.parse(text));
        }
        public String type() { return "N"; }
        public long size() { return Numbers.size(value); }
        /** The number as DynamoDB writes it on the wire. */
        public String text() { return Numbers.format(value); }
    }

    record B(byte[] value) implements AttributeValue {
        public B {
            value = value.clone();
        }
        public byte[] value() { return value.clone(); }
        public int length() { return value.length; }
        public String type() { return "B"; }
        public long size() { return value.length; }
        public String base64() { return Base64.getEncoder().encodeToString(value); }
        @Override public boolean equals(Object o) { return o instanceof B b && Arrays.equals(value, b.value); }
        @Override public int hashCode() { return Arrays.hashCode(value); }
        @Override public String toString() { return "B[" + base64() + "]"; }
        /** Unsigned byte order, as DynamoDB compares binary keys. */
        public int compareTo(B other) { return Arrays.compareUnsigned(value, other.value); }
    }

    record SS(Set<String> values) implements AttributeValue {
        public SS { values = Collections.unmodifiableSet(new LinkedHashSet<>(values)); }
        public String type() { return "SS"; }
        public long size() {
            long n = 0;
            for (String s : values) n += s.getBytes(StandardCharsets.UTF_8).length;
            return n;
        }
    }

    record NS(Set<BigDecimal> values) implements AttributeValue {
        public NS {
            LinkedHashSet<BigDecimal> canonical = new LinkedHashSet<>();
            for (BigDecimal v : values) canonical.add(Numbers.canonical(v));
            values = Collections.unmodifiableSet(canonical);
        }
        public String type() { return "NS"; }
        public long size() {
            long n = 0;
            for (BigDecimal v : values) n += Numbers.size(v);
            return n;
        }
    }

    record BS(Set<B> values) implements AttributeValue {
        public BS { values = Collections.unmodifiableSet(new LinkedHashSet<>(values)); }
        public String type() { return "BS"; }
        public long size() {
            long n = 0;
            for (B b : values) n += b.length();
            return n;
        }
    }

    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M { values = Collections.unmodifiableMap(new LinkedHashMap<>(values)); }
        public String type() { return "M"; }
        public long size() { return 3 + Items.size(values) + values.size(); }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L { values = List.copyOf(values); }
        public String type() { return "L"; }
        public long size() {
            long n = 3 + values.size();
            for (AttributeValue v : values) n += v.size();
            return n;
        }
    }

    record BOOL(boolean value) implements AttributeValue {
        public static final BOOL TRUE = new BOOL(true);
        public static final BOOL FALSE = new BOOL(false);
        public String type() { return "BOOL"; }
        public long size() { return 1; }
    }

    record NULL() implements AttributeValue {
        public static final NULL INSTANCE = new NULL();
        public String type() { return "NULL"; }
        public long size() { return 1; }
    }

    static S s(String value) { return new S(value); }
    static N n(String value) { return N.of(value); }
    static N n(long value) { return new N(BigDecimal.valueOf(value)); }
}

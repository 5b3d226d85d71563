package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Short builders for attribute values and items in the expression tests. */
final class Av {

    private Av() {
    }

    static AttributeValue.S s(String v) {
        return new AttributeValue.S(v);
    }

    static AttributeValue.N n(String v) {
        return AttributeValue.N.of(v);
    }

    static AttributeValue.N n(long v) {
        return new AttributeValue.N(BigDecimal.valueOf(v));
    }

    static AttributeValue.B b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = (byte) bytes[i];
        return new AttributeValue.B(out);
    }

    static AttributeValue.SS ss(String... v) {
        return new AttributeValue.SS(new LinkedHashSet<>(Arrays.asList(v)));
    }

    static AttributeValue.NS ns(String... v) {
        LinkedHashSet<BigDecimal> set = new LinkedHashSet<>();
        for (String x : v) set.add(new BigDecimal(x));
        return new AttributeValue.NS(set);
    }

    static AttributeValue.BS bs(AttributeValue.B... v) {
        return new AttributeValue.BS(new LinkedHashSet<>(Arrays.asList(v)));
    }

    static AttributeValue.L l(AttributeValue... v) {
        return new AttributeValue.L(List.of(v));
    }

    static AttributeValue.BOOL bool(boolean v) {
        return v ? AttributeValue.BOOL.TRUE : AttributeValue.BOOL.FALSE;
    }

    static AttributeValue.NULL nul() {
        return AttributeValue.NULL.INSTANCE;
    }

    /** {@code m("a", v1, "b", v2)} */
    static AttributeValue.M m(Object... kv) {
        return new AttributeValue.M(item(kv));
    }

    /** {@code item("a", v1, "b", v2)}: an ordered, mutable item. */
    static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], (AttributeValue) kv[i + 1]);
        }
        return map;
    }

    /** ExpressionAttributes from {@code "#n", "name", ":v", value, ...}; no names or no values given: that map is absent. */
    static ExpressionAttributes attrs(Object... kv) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            String key = (String) kv[i];
            if (key.startsWith("#")) names.put(key, (String) kv[i + 1]);
            else values.put(key, (AttributeValue) kv[i + 1]);
        }
        return new ExpressionAttributes(names.isEmpty() ? null : names, values.isEmpty() ? null : values);
    }
}

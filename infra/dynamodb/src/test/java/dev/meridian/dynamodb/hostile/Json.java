package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small JSON helpers for writing requests by hand and comparing answers. */
final class Json {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    /** An object from alternating keys and values; a value may be a JsonNode, String, Number or Boolean. */
    static ObjectNode obj(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("obj needs key/value pairs, got " + kv.length + " arguments");
        }
        ObjectNode o = F.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], node(kv[i + 1]));
        }
        return o;
    }

    static ArrayNode arr(Object... items) {
        ArrayNode a = F.arrayNode();
        for (Object i : items) {
            a.add(node(i));
        }
        return a;
    }

    static JsonNode node(Object v) {
        if (v instanceof JsonNode n) return n;
        if (v instanceof String s) return F.textNode(s);
        if (v instanceof Integer i) return F.numberNode(i);
        if (v instanceof Long l) return F.numberNode(l);
        if (v instanceof Boolean b) return F.booleanNode(b);
        if (v == null) return F.nullNode();
        throw new IllegalArgumentException("no JSON form for " + v.getClass());
    }

    static ObjectNode s(String v) {
        return obj("S", v);
    }

    static ObjectNode n(String v) {
        return obj("N", v);
    }

    /**
     * A canonical text of a JSON tree for equality: object members sorted, and the members of
     * SS/NS/BS sets sorted, since a set has no order.
     */
    static String canonical(JsonNode n) {
        return canon(n, null).toString();
    }

    private static JsonNode canon(JsonNode n, String parentKey) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                sorted.put(e.getKey(), canon(e.getValue(), e.getKey()));
            }
            ObjectNode o = F.objectNode();
            sorted.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            n.forEach(i -> items.add(canon(i, null)));
            if ("SS".equals(parentKey) || "NS".equals(parentKey) || "BS".equals(parentKey)) {
                items.sort((a, b) -> a.toString().compareTo(b.toString()));
            }
            ArrayNode a = F.arrayNode();
            items.forEach(a::add);
            return a;
        }
        return n;
    }
}

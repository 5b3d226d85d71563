package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Finds the places in a request tree that a hostile edit can aim at. */
final class Paths {

    static final Set<String> EXPRESSIONS = Set.of("ConditionExpression", "UpdateExpression",
            "KeyConditionExpression", "FilterExpression", "ProjectionExpression");
    private static final Set<String> ITEM_MAPS = Set.of("Item", "Key", "ExpressionAttributeValues", "ExclusiveStartKey");

    private Paths() {
    }

    /** A slot holding a JSON value: read it, or replace it in its parent. */
    record Slot(JsonNode parent, String field, int index) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    /** Every attribute value of every Item, Key, Keys list, ExclusiveStartKey and ExpressionAttributeValues. */
    static List<Slot> attributeValues(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        walk(root, (parent, field) -> {
            JsonNode v = parent.get(field);
            if (ITEM_MAPS.contains(field) && v.isObject()) {
                v.fieldNames().forEachRemaining(name -> out.add(new Slot(v, name, -1)));
            }
            if ("Keys".equals(field) && v.isArray()) {
                v.forEach(k -> k.fieldNames().forEachRemaining(name -> out.add(new Slot(k, name, -1))));
            }
        });
        return out;
    }

    /** Every expression string. */
    static List<Slot> expressions(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        walk(root, (parent, field) -> {
            if (EXPRESSIONS.contains(field) && parent.get(field).isTextual()) out.add(new Slot(parent, field, -1));
        });
        return out;
    }

    /** Objects that carry at least one expression (where placeholders are declared). */
    static List<ObjectNode> expressionHolders(JsonNode root) {
        List<ObjectNode> out = new ArrayList<>();
        walk(root, (parent, field) -> {
            if (EXPRESSIONS.contains(field) && !out.contains(parent)) out.add((ObjectNode) parent);
        });
        return out;
    }

    /** Every member with the given name, anywhere. */
    static List<Slot> members(JsonNode root, String name) {
        List<Slot> out = new ArrayList<>();
        walk(root, (parent, field) -> {
            if (name.equals(field)) out.add(new Slot(parent, field, -1));
        });
        return out;
    }

    /** Every slot of the tree (object members and array elements), the root excluded. */
    static List<Slot> all(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode n, List<Slot> out) {
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                out.add(new Slot(n, f, -1));
                collect(n.get(f), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.add(new Slot(n, null, i));
                collect(n.get(i), out);
            }
        }
    }

    interface MemberVisitor {
        void visit(JsonNode parent, String field);
    }

    static void walk(JsonNode n, MemberVisitor visitor) {
        if (n.isObject()) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            entries.addAll(n.properties());
            for (Map.Entry<String, JsonNode> e : entries) {
                visitor.visit(n, e.getKey());
                walk(e.getValue(), visitor);
            }
        } else if (n.isArray()) {
            n.forEach(i -> walk(i, visitor));
        }
    }

    static void forEachObject(JsonNode n, Consumer<ObjectNode> action) {
        if (n.isObject()) {
            action.accept((ObjectNode) n);
            n.forEach(c -> forEachObject(c, action));
        } else if (n.isArray()) {
            n.forEach(c -> forEachObject(c, action));
        }
    }
}

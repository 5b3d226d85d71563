package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.expression.KeyCondition;
import dev.meridian.dynamodb.expression.Legacy;
import dev.meridian.dynamodb.expression.Projection;
import dev.meridian.dynamodb.expression.Update;
import dev.meridian.dynamodb.json.AttributeJson;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pre-expression parameters (Expected, QueryFilter, ScanFilter, KeyConditions,
 * AttributesToGet, AttributeUpdates) decoded from the request and handed to the expression
 * package's {@link Legacy} builders; each method answers null when its parameter is absent.
 */
final class LegacyParameters {

    private LegacyParameters() {
    }

    static Condition expected(JsonNode request) {
        JsonNode n = map(request, "Expected");
        if (n == null) return null;
        List<Legacy.Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = object(e.getValue(), "Expected." + e.getKey());
            AttributeValue value = Requests.present(c, "Value") ? AttributeJson.value(c.get("Value")) : null;
            Boolean exists = Requests.present(c, "Exists") ? Requests.bool(c, "Exists", true) : null;
            entries.add(new Legacy.Entry(e.getKey(), value, exists, Requests.string(c, "ComparisonOperator"), list(c)));
        }
        return Legacy.expected(entries, Requests.string(request, "ConditionalOperator"));
    }

    /** QueryFilter or ScanFilter. */
    static Condition filter(JsonNode request, String field) {
        JsonNode n = map(request, field);
        if (n == null) return null;
        return Legacy.filter(entries(n, field), Requests.string(request, "ConditionalOperator"));
    }

    static KeyCondition keyConditions(JsonNode request) {
        JsonNode n = map(request, "KeyConditions");
        if (n == null) return null;
        return Legacy.keyConditions(entries(n, "KeyConditions"));
    }

    static Projection attributesToGet(JsonNode request) {
        JsonNode n = request.get("AttributesToGet");
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw DynamoDbException.serialization("Unexpected value type in payload: AttributesToGet must be a list");
        List<String> names = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual()) throw DynamoDbException.serialization("Unexpected value type in payload: AttributesToGet must hold strings");
            names.add(x.textValue());
        }
        return Legacy.attributesToGet(names);
    }

    static Update attributeUpdates(JsonNode request) {
        JsonNode n = map(request, "AttributeUpdates");
        if (n == null) return null;
        List<Legacy.AttributeUpdate> updates = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode u = object(e.getValue(), "AttributeUpdates." + e.getKey());
            AttributeValue value = Requests.present(u, "Value") ? AttributeJson.value(u.get("Value")) : null;
            updates.add(new Legacy.AttributeUpdate(e.getKey(), Requests.string(u, "Action"), value));
        }
        return Legacy.attributeUpdates(updates);
    }

    private static List<Legacy.Entry> entries(JsonNode n, String field) {
        List<Legacy.Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = object(e.getValue(), field + "." + e.getKey());
            entries.add(Legacy.Entry.of(e.getKey(), Requests.string(c, "ComparisonOperator"), list(c)));
        }
        return entries;
    }

    private static List<AttributeValue> list(JsonNode c) {
        JsonNode l = c.get("AttributeValueList");
        if (l == null || l.isNull()) return null;
        if (!l.isArray()) throw DynamoDbException.serialization("Unexpected value type in payload: AttributeValueList must be a list");
        List<AttributeValue> out = new ArrayList<>();
        for (JsonNode v : l) out.add(AttributeJson.value(v));
        return out;
    }

    private static JsonNode map(JsonNode request, String field) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) return null;
        return object(n, field);
    }

    private static JsonNode object(JsonNode n, String what) {
        if (!n.isObject()) throw DynamoDbException.serialization("Unexpected value type in payload: " + what + " must be a map");
        return n;
    }
}

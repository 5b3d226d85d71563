package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.json.AttributeJson;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading and validating request parameters, with DynamoDB's messages. */
final class Requests {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private Requests() {
    }

    static DynamoDbException constraint(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return DynamoDbException.validation("1 validation error detected: Value " + shown + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    /** Like {@link #constraint} with the value shown as given (already formatted). */
    static DynamoDbException constraintRaw(Object shown, String member, String constraint) {
        return DynamoDbException.validation("1 validation error detected: Value '" + shown + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    /** TableName, validated (3-255 characters of [a-zA-Z0-9_.-]). */
    static String tableName(JsonNode request, String member) {
        return nameValue(request.get("TableName"), member);
    }

    /** A table or index name value, validated. */
    static String nameValue(JsonNode node, String member) {
        if (node == null || node.isNull()) {
            throw constraint(null, member, "Member must not be null");
        }
        String name = node.asText();
        if (name.length() < 3 || name.length() > 255) {
            throw constraint(name, member, "Member must have length greater than or equal to 3"
                    + (name.length() > 255 ? " and less than or equal to 255" : ""));
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            throw constraint(name, member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    /** The table an item operation names (its name's shape already checked by {@link Shape}). */
    static Table table(JsonNode request, RequestContext context) {
        JsonNode n = request.get("TableName");
        if (n == null || n.isNull() || !n.isTextual()) {
            throw constraint(null, "tableName", "Member must not be null");
        }
        String name = n.textValue();
        if (name.isEmpty() || name.length() > 255 || !TABLE_NAME.matcher(name).matches()) {
            throw constraint(name, "tableName", name.isEmpty() ? "Member must have length greater than or equal to 1"
                    : name.length() > 255 ? "Member must have length less than or equal to 255"
                    : "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return context.database().requireTable(name);
    }

    static String string(JsonNode request, String field) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for " + field + ": expected a string");
        }
        return n.textValue();
    }

    /** An enum parameter: null or one of {@code allowed}; {@code member} is its name in messages. */
    static String choice(JsonNode request, String field, String member, List<String> allowed, String fallback) {
        String v = string(request, field);
        if (v == null) return fallback;
        if (!allowed.contains(v)) {
            throw constraint(v, member, "Member must satisfy enum value set: " + allowed);
        }
        return v;
    }

    static boolean bool(JsonNode request, String field, boolean fallback) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isBoolean()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for " + field + ": expected a boolean");
        }
        return n.booleanValue();
    }

    /** An integer member; any other JSON type is a SerializationException, as the service's parser answers. */
    static long integer(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for " + field + ": expected an integer");
        }
        return n.longValue();
    }

    /** An optional positive integer (Limit): null when absent. */
    static Integer limit(JsonNode request) {
        JsonNode n = request.get("Limit");
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for Limit: expected an integer");
        }
        int v = n.asInt();
        if (v < 1) {
            throw constraint(v, "limit", "Member must have value greater than or equal to 1");
        }
        return v;
    }

    /** A Key or Item parameter, required. */
    static Map<String, AttributeValue> item(JsonNode request, String field, String member) {
        Map<String, AttributeValue> item = AttributeJson.item(request.get(field), field);
        if (item == null) {
            throw constraint(null, member, "Member must not be null");
        }
        return item;
    }

    /** TransactItems: a list of 1 to 100 entries. */
    static JsonNode transactItems(JsonNode request) {
        JsonNode list = request.get("TransactItems");
        if (list == null || list.isNull()) throw constraint(null, "transactItems", "Member must not be null");
        if (!list.isArray() || list.isEmpty()) {
            throw constraintRaw("[]", "transactItems", "Member must have length greater than or equal to 1");
        }
        if (list.size() > 100) {
            throw constraintRaw("[" + list.size() + " items]", "transactItems", "Member must have length less than or equal to 100");
        }
        return list;
    }

    /** RequestItems of a batch operation ({@code operation} names it in the message): a non-empty map. */
    static JsonNode requestItems(JsonNode request, String operation) {
        JsonNode requestItems = request.get("RequestItems");
        if (requestItems == null || requestItems.isNull()) {
            throw constraint(null, "requestItems", "Member must not be null");
        }
        if (!requestItems.isObject() || requestItems.isEmpty()) {
            throw DynamoDbException.validation("The requestItems parameter is required for " + operation);
        }
        return requestItems;
    }

    private static final List<String> EXPRESSION_FIELDS = List.of("ProjectionExpression", "FilterExpression",
            "KeyConditionExpression", "ConditionExpression", "UpdateExpression");

    /**
     * Legacy (pre-expression) parameters may not be mixed with expression parameters: DynamoDB's
     * message naming both kinds. Alone they are translated ({@link LegacyParameters}).
     */
    static void rejectLegacy(JsonNode request, String... fields) {
        List<String> legacy = new java.util.ArrayList<>();
        for (String f : fields) {
            if (present(request, f)) legacy.add(f);
        }
        if (legacy.isEmpty()) return;
        List<String> expressions = new java.util.ArrayList<>();
        for (String f : EXPRESSION_FIELDS) {
            if (present(request, f)) expressions.add(f);
        }
        if (!expressions.isEmpty()) {
            throw DynamoDbException.validation("Can not use both expression and non-expression parameters in the same request: "
                    + "Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                    + String.join(", ", expressions) + "}");
        }
    }

    /** The request's ExpressionAttributeNames and ExpressionAttributeValues. */
    static ExpressionAttributes attributes(JsonNode request) {
        Map<String, String> names = new LinkedHashMap<>();
        JsonNode n = request.get("ExpressionAttributeNames");
        if (n != null && !n.isNull()) {
            if (!n.isObject()) throw DynamoDbException.serialization("ExpressionAttributeNames must be a map");
            if (n.isEmpty()) throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                names.put(e.getKey(), e.getValue().asText());
            }
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        JsonNode v = request.get("ExpressionAttributeValues");
        if (v != null && !v.isNull()) {
            if (v.isObject() && v.isEmpty()) throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            Map<String, AttributeValue> parsed = AttributeJson.item(v, "ExpressionAttributeValues");
            values.putAll(parsed);
        }
        return new ExpressionAttributes(names, values);
    }

    /** Whether the request carries expression attribute names or values (then an expression must use them). */
    static boolean hasAttributes(JsonNode request) {
        return present(request, "ExpressionAttributeNames") || present(request, "ExpressionAttributeValues");
    }

    static boolean present(JsonNode request, String field) {
        JsonNode n = request.get(field);
        return n != null && !n.isNull();
    }
}

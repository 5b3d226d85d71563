package dev.meridian.dynamodb.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Numbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads attribute values from a request, with DynamoDB's validation and messages. */
public final class AttributeJson {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeJson() {
    }

    /** An item or key map; {@code param} names the request field in messages. */
    public static Map<String, AttributeValue> item(JsonNode node, String param) {
        return item(node, param, 0);
    }

    /** DynamoDB's limit on nested M and L levels in an item. */
    public static final int MAX_NESTING = 32;

    private static Map<String, AttributeValue> item(JsonNode node, String param, int depth) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for " + param);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            item.put(e.getKey(), value(e.getValue(), depth));
        }
        return item;
    }

    public static AttributeValue value(JsonNode node) {
        return value(node, 0);
    }

    private static AttributeValue value(JsonNode node, int depth) {
        if (node == null || !node.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type in payload: an AttributeValue must be an object");
        }
        int set = 0;
        String type = null;
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        JsonNode content = null;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() == null || e.getValue().isNull()) {
                continue;
            }
            set++;
            type = e.getKey();
            content = e.getValue();
        }
        if (set == 0) {
            throw DynamoDbException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (set > 1) {
            throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        switch (type) {
            case "S":
                return new AttributeValue.S(text(content, "S"));
            case "N":
                return new AttributeValue.N(number(text(content, "N")));
            case "B":
                return new AttributeValue.B(binary(content));
            case "BOOL":
                if (!content.isBoolean()) throw DynamoDbException.serialization("Unexpected value type in payload: BOOL must be a boolean");
                return content.booleanValue() ? AttributeValue.BOOL.TRUE : AttributeValue.BOOL.FALSE;
            case "NULL":
                if (!content.isBoolean()) throw DynamoDbException.serialization("Unexpected value type in payload: NULL must be a boolean");
                if (!content.booleanValue()) {
                    throw DynamoDbException.validation(INVALID + "Null attribute value types must have the value of true");
                }
                return AttributeValue.NULL.INSTANCE;
            case "SS": {
                List<String> raw = new ArrayList<>();
                for (JsonNode e : array(content, "SS")) raw.add(text(e, "SS"));
                if (raw.isEmpty()) throw DynamoDbException.validation(INVALID + "An string set  may not be empty");
                Set<String> set1 = new LinkedHashSet<>(raw);
                if (set1.size() != raw.size()) throw duplicates(raw);
                return new AttributeValue.SS(set1);
            }
            case "NS": {
                List<BigDecimal> raw = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (JsonNode e : array(content, "NS")) {
                    String t = text(e, "NS");
                    texts.add(t);
                    raw.add(number(t));
                }
                if (raw.isEmpty()) throw DynamoDbException.validation(INVALID + "An number set  may not be empty");
                Set<BigDecimal> set1 = new LinkedHashSet<>(raw);
                if (set1.size() != raw.size()) throw duplicates(texts);
                return new AttributeValue.NS(set1);
            }
            case "BS": {
                List<AttributeValue.B> raw = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (JsonNode e : array(content, "BS")) {
                    raw.add(new AttributeValue.B(binary(e)));
                    texts.add(e.asText());
                }
                if (raw.isEmpty()) throw DynamoDbException.validation(INVALID + "Binary sets should not be empty");
                Set<AttributeValue.B> set1 = new LinkedHashSet<>(raw);
                if (set1.size() != raw.size()) throw duplicates(texts);
                return new AttributeValue.BS(set1);
            }
            case "M": {
                if (!content.isObject()) throw DynamoDbException.serialization("Unexpected value type in payload: M must be an object");
                if (depth + 1 > MAX_NESTING) throw tooDeep();
                return new AttributeValue.M(item(content, "M", depth + 1));
            }
            case "L": {
                if (depth + 1 > MAX_NESTING) throw tooDeep();
                List<AttributeValue> l = new ArrayList<>();
                for (JsonNode e : array(content, "L")) l.add(value(e, depth + 1));
                return new AttributeValue.L(l);
            }
            default:
                throw DynamoDbException.serialization("Unknown AttributeValue type: " + type);
        }
    }

    private static DynamoDbException tooDeep() {
        return DynamoDbException.validation("Nesting Levels have exceeded supported limits");
    }

    private static DynamoDbException duplicates(List<?> raw) {
        return DynamoDbException.validation(INVALID + "Input collection " + raw + " contains duplicates.");
    }

    private static Iterable<JsonNode> array(JsonNode node, String type) {
        if (!node.isArray()) {
            throw DynamoDbException.serialization("Unexpected value type in payload: " + type + " must be an array");
        }
        return node;
    }

    private static String text(JsonNode node, String type) {
        if (!node.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value type in payload: " + type + " must be a string");
        }
        return node.textValue();
    }

    private static BigDecimal number(String text) {
        try {
            return Numbers.parse(text);
        } catch (NumberFormatException e) {
            throw DynamoDbException.validation(e.getMessage());
        }
    }

    private static byte[] binary(JsonNode node) {
        if (!node.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value type in payload: B must be a base64 string");
        }
        try {
            return Base64.getMimeDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw DynamoDbException.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + node.textValue().length());
        }
    }
}

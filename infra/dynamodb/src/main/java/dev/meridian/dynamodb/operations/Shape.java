package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The request-shape checks DynamoDB makes before it looks at any table, collected into one
 * message: {@code 1 validation error detected: Value 'X' at 'member' failed to satisfy
 * constraint: ...}, or {@code N validation errors detected: a; b}.
 */
final class Shape {

    static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
    static final List<String> CONSUMED_CAPACITY = List.of("INDEXES", "TOTAL", "NONE");
    static final List<String> COLLECTION_METRICS = List.of("SIZE", "NONE");
    static final List<String> SELECT = List.of("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final JsonNode request;
    private final List<String> errors = new ArrayList<>();

    private Shape(JsonNode request) {
        this.request = request;
    }

    static Shape of(JsonNode request) {
        return new Shape(request);
    }

    /** TableName of an item operation (length 1-255, the pattern); an empty one is the only error reported. */
    Shape tableName() {
        JsonNode n = request.get("TableName");
        if (n == null || n.isNull()) {
            errors.add("Value null at 'tableName' failed to satisfy constraint: Member must not be null");
            return this;
        }
        String name = n.asText();
        if (name.isEmpty()) {
            throw single("Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        if (!NAME.matcher(name).matches()) {
            errors.add("Value '" + name + "' at 'tableName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (name.length() > 255) {
            errors.add("Value '" + name + "' at 'tableName' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 255");
        }
        return this;
    }

    Shape choice(String field, String member, List<String> allowed) {
        JsonNode n = request.get(field);
        if (n != null && !n.isNull() && !allowed.contains(n.asText())) {
            errors.add("Value '" + n.asText() + "' at '" + member + "' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return this;
    }

    Shape returnValues() {
        return choice("ReturnValues", "returnValues", RETURN_VALUES);
    }

    Shape consumedCapacity() {
        return choice("ReturnConsumedCapacity", "returnConsumedCapacity", CONSUMED_CAPACITY);
    }

    Shape collectionMetrics() {
        return choice("ReturnItemCollectionMetrics", "returnItemCollectionMetrics", COLLECTION_METRICS);
    }

    Shape select() {
        return choice("Select", "select", SELECT);
    }

    /** Limit ≥ 1; {@code showValue}: Scan shows the value, Query does not. */
    Shape limit(boolean showValue, String member) {
        JsonNode n = request.get("Limit");
        if (n != null && n.isNumber() && n.asLong() < 1) {
            errors.add("Value " + (showValue ? "'" + n.asText() + "' " : "") + "at '" + member
                    + "' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return this;
    }

    void add(String error) {
        errors.add(error);
    }

    /** Throws the collected errors as one ValidationException. */
    void done() {
        if (errors.isEmpty()) return;
        String head = errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
        throw DynamoDbException.validation(head + String.join("; ", errors));
    }

    private static DynamoDbException single(String error) {
        return DynamoDbException.validation("1 validation error detected: " + error);
    }
}

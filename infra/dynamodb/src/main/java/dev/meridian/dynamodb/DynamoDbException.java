package dev.meridian.dynamodb;

import java.util.Map;

/**
 * An error the engine answers with, as the DynamoDB API Reference names it. The wire layer
 * writes {@code {"__type": "com.amazonaws.dynamodb.v20120810#" + type, "message": ...}} with
 * the status, plus any {@link #extra()} fields (for example {@code Item} on a failed
 * condition with {@code ReturnValuesOnConditionCheckFailure}, or {@code CancellationReasons}).
 */
public class DynamoDbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;
    private final transient Map<String, Object> extra;

    public DynamoDbException(String type, String message) {
        this(type, 400, message, Map.of());
    }

    public DynamoDbException(String type, int status, String message, Map<String, Object> extra) {
        super(message);
        this.type = type;
        this.status = status;
        this.extra = Map.copyOf(extra);
    }

    /** The short error type, such as {@code ValidationException}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** Extra top-level fields of the error body (already in wire form: JSON-serializable). */
    public Map<String, Object> extra() {
        return extra;
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", message);
    }

    public static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", message);
    }

    public static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException("ResourceInUseException", message);
    }

    public static DynamoDbException serialization(String message) {
        return new DynamoDbException("SerializationException", message);
    }
}

package dev.meridian.dynamodb.wire;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operations by their full {@code X-Amz-Target} ({@code DynamoDB_20120810.PutItem},
 * {@code DynamoDBStreams_20120810.GetRecords}). The engine registers its own; plugins add theirs.
 */
public final class OperationRegistry {

    public static final String DYNAMODB = "DynamoDB_20120810.";
    public static final String STREAMS = "DynamoDBStreams_20120810.";

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    /** Registers (or replaces) the operation for a full target. */
    public void register(String target, Operation operation) {
        if (target == null || !target.contains(".")) {
            throw new IllegalArgumentException("target must be 'Prefix.Operation', was " + target);
        }
        operations.put(target, operation);
    }

    public void registerDynamoDb(String name, Operation operation) {
        register(DYNAMODB + name, operation);
    }

    public void registerStreams(String name, Operation operation) {
        register(STREAMS + name, operation);
    }

    /** The operation, or null. */
    public Operation find(String target) {
        return target == null ? null : operations.get(target);
    }

    public Set<String> targets() {
        return Set.copyOf(operations.keySet());
    }
}

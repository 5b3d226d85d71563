package dev.meridian.dynamodb.storage;

import java.util.List;

/**
 * A secondary index: global (own partition key) or local (the table's partition key, another
 * sort key). {@code projectionType} is ALL, KEYS_ONLY or INCLUDE (with {@code nonKeyAttributes}).
 */
public record IndexDefinition(String name, boolean global, KeySchema key, String projectionType,
                              List<String> nonKeyAttributes, long readCapacity, long writeCapacity) {

    public IndexDefinition {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }

    public IndexDefinition withCapacity(long read, long write) {
        return new IndexDefinition(name, global, key, projectionType, nonKeyAttributes, read, write);
    }
}

package dev.meridian.dynamodb.engine;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * One item's change inside one committed write. {@code oldImage} is null for an insert,
 * {@code newImage} null for a delete. A write that changes nothing produces no ItemChange.
 */
public record ItemChange(String table,
                         Map<String, AttributeValue> keys,
                         Map<String, AttributeValue> oldImage,
                         Map<String, AttributeValue> newImage,
                         Origin origin) {

    /** Who made the change: a client, the TTL reaper, or (later) replication from another region. */
    public enum Origin { CLIENT, TTL, REPLICATION }
}

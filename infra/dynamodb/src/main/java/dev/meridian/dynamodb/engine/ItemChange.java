package dev.meridian.dynamodb.engine;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * One item's change inside one committed write. {@code oldImage} is null for an insert,
 * {@code newImage} null for a delete. A write that changes nothing produces no ItemChange.
 * {@code writtenAt} is the hidden per-item timestamp the new version is stored with (the write's
 * time unless a {@link dev.meridian.dynamodb.storage.WriteStamper} or a replicated write chose
 * another; 0 when not known, e.g. in a replayed log entry).
 */
public record ItemChange(String table,
                         Map<String, AttributeValue> keys,
                         Map<String, AttributeValue> oldImage,
                         Map<String, AttributeValue> newImage,
                         Origin origin,
                         long writtenAt) {

    /** A change whose stored timestamp is not known (0). */
    public ItemChange(String table, Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
                      Map<String, AttributeValue> newImage, Origin origin) {
        this(table, keys, oldImage, newImage, origin, 0L);
    }

    /** Who made the change: a client, the TTL reaper, or (later) replication from another region. */
    public enum Origin { CLIENT, TTL, REPLICATION }
}

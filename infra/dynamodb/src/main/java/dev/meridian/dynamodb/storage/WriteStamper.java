package dev.meridian.dynamodb.storage;

/**
 * Chooses the hidden timestamp ({@link StoredItem#writtenAt()}) a write stores an item version
 * with. Called under the database's write lock, once per changed item, before the write
 * listeners see the change. Global-table replication uses it so a local write is always newer
 * than the version it overwrites (last-writer-wins must never let it lose to its own past).
 */
@FunctionalInterface
public interface WriteStamper {

    /** The write's own time. */
    WriteStamper WRITE_TIME = (table, key, old, now) -> now;

    /** @param old the stored version being replaced, or null */
    long stamp(Table table, ItemKey key, StoredItem old, long now);
}

package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * State kept by a plugin besides tables and items (the streams' records) that must survive a
 * restart. The durability plugin puts it in each snapshot and, at start-up, gives it back: the
 * state of the latest snapshot, then every catalog change and write logged after it, in order.
 */
public interface DurablePart {

    /** Unique, stable name of this part's section in a snapshot. */
    String name();

    /**
     * Called holding the database's write lock: takes a consistent view (cheaply: references to
     * immutable data) and returns what writes it out later, outside the lock.
     */
    SnapshotWriter capture();

    /** Restores the state a snapshot held. */
    void restore(DataInputStream in) throws IOException;

    /** Replays a logged catalog change (definition null: the table was deleted). */
    void replayCatalog(String table, TableDefinition definition, long epochMillis);

    /**
     * Replays a logged write. An old image the log did not keep (no stream of the table needed it)
     * is {@link #OLD_IMAGE_NOT_LOGGED}.
     */
    void replayWrite(List<ItemChange> changes, long epochMillis);

    /** Writes a captured view. */
    @FunctionalInterface
    interface SnapshotWriter {
        void writeTo(DataOutputStream out) throws IOException;
    }

    /** See {@link #replayWrite}. */
    java.util.Map<String, dev.meridian.dynamodb.model.AttributeValue> OLD_IMAGE_NOT_LOGGED = LogEntries.OLD_IMAGE_NOT_LOGGED;
}

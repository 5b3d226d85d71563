package dev.meridian.dynamodb.storage;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Items;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The staged changes of one write (one request), made under the database's write lock. Reads
 * see the staged state; nothing reaches the tables unless the whole body returns normally, so
 * a failing transaction changes nothing.
 */
public final class WriteTransaction {

    private record Slot(Table table, ItemKey key) {
    }

    private static final class Staged {
        final Table table;
        final ItemKey key;
        final StoredItem oldStored;
        final Map<String, AttributeValue> oldItem;
        Map<String, AttributeValue> newItem;
        Long forcedWrittenAt;
        long writtenAt;

        Staged(Table table, ItemKey key, StoredItem oldStored, Map<String, AttributeValue> oldItem) {
            this.table = table;
            this.key = key;
            this.oldStored = oldStored;
            this.oldItem = oldItem;
            this.newItem = oldItem;
        }
    }

    private final Database database;
    private final ItemChange.Origin origin;
    private final long now;
    private final Map<Slot, Staged> staged = new LinkedHashMap<>();

    WriteTransaction(Database database, ItemChange.Origin origin, long now) {
        this.database = database;
        this.origin = origin;
        this.now = now;
    }

    /** The time of this write, epoch millis. */
    public long now() {
        return now;
    }

    public ItemChange.Origin origin() {
        return origin;
    }

    /** The item as this write sees it (its own staged changes included), or null. */
    public Map<String, AttributeValue> get(Table table, ItemKey key) {
        return slot(table, key).newItem;
    }

    public void put(Table table, ItemKey key, Map<String, AttributeValue> item) {
        if (Items.size(item) > Items.MAX_ITEM_SIZE) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
        slot(table, key).newItem = item;
    }

    public void delete(Table table, ItemKey key) {
        slot(table, key).newItem = null;
    }

    /**
     * Replication: stages a put whose hidden timestamp ({@link StoredItem#writtenAt()}) is the
     * source version's, not this write's time.
     */
    public void put(Table table, ItemKey key, Map<String, AttributeValue> item, long writtenAt) {
        put(table, key, item);
        slot(table, key).forcedWrittenAt = writtenAt;
    }

    /** The item as stored before this write (null: absent); its {@link StoredItem#writtenAt()} is the current version's. */
    public StoredItem stored(Table table, ItemKey key) {
        return slot(table, key).oldStored;
    }

    private Staged slot(Table table, ItemKey key) {
        if (database.table(table.name()) != table) {
            throw DynamoDbException.resourceNotFound("Requested resource not found");
        }
        return staged.computeIfAbsent(new Slot(table, key), s -> {
            StoredItem stored = table.get(key);
            return new Staged(table, key, stored, stored == null ? null : stored.item());
        });
    }

    /** The changes to announce, in the order the items were first touched; unchanged items left out. */
    List<ItemChange> changes() {
        List<ItemChange> changes = new ArrayList<>();
        for (Staged s : staged.values()) {
            if (Objects.equals(s.oldItem, s.newItem)) continue;
            Map<String, AttributeValue> image = s.newItem != null ? s.newItem : s.oldItem;
            Map<String, AttributeValue> keys = s.table.definition().key().project(image);
            s.writtenAt = s.forcedWrittenAt != null ? s.forcedWrittenAt
                    : database.stamper().stamp(s.table, s.key, s.oldStored, now);
            changes.add(new ItemChange(s.table.name(), keys, s.oldItem, s.newItem, origin, s.writtenAt));
        }
        return changes;
    }

    /** Installs the staged changes (under the write lock, after the listeners accepted them). */
    void apply() {
        for (Staged s : staged.values()) {
            if (Objects.equals(s.oldItem, s.newItem)) continue;
            StoredItem stored = s.newItem == null ? null : StoredItem.of(s.newItem, s.writtenAt);
            s.table.apply(s.key, s.oldStored, s.oldItem, stored, s.newItem);
        }
    }
}

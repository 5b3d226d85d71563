package dev.meridian.dynamodb.storage;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.engine.CatalogListener;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.engine.WriteListener;
import dev.meridian.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The tables of one region. Every change (items and catalog) happens under one write lock, so
 * single-item writes are linearizable and transactions serializable; reads that need a
 * consistent view of several items (TransactGetItems) take it too, plain reads do not.
 * Listeners are called inside the lock in commit order, before the change becomes visible;
 * a listener that throws fails the write, which then changes nothing.
 */
public final class Database {

    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<String, Table> tables = new ConcurrentSkipListMap<>();
    private final List<WriteListener> writeListeners = new CopyOnWriteArrayList<>();
    private final List<CatalogListener> catalogListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile WriteStamper stamper = WriteStamper.WRITE_TIME;

    public Database(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Chooses the hidden timestamp of every written item (default: the write's time); global tables set it. */
    public void setWriteStamper(WriteStamper stamper) {
        this.stamper = stamper == null ? WriteStamper.WRITE_TIME : stamper;
    }

    WriteStamper stamper() {
        return stamper;
    }

    public void addWriteListener(WriteListener listener) {
        writeListeners.add(listener);
    }

    public void addCatalogListener(CatalogListener listener) {
        catalogListeners.add(listener);
    }

    /** The table, or null. */
    public Table table(String name) {
        return tables.get(name);
    }

    /** The table, or ResourceNotFoundException. */
    public Table requireTable(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found");
        }
        return t;
    }

    /** Table names in order. */
    public NavigableMap<String, Table> tables() {
        return tables;
    }

    public Table createTable(TableDefinition definition) {
        return locked(() -> {
            if (tables.containsKey(definition.name())) {
                throw DynamoDbException.resourceInUse("Table already exists: " + definition.name());
            }
            announce(definition.name(), definition);
            Table t = new Table(definition);
            tables.put(definition.name(), t);
            return t;
        });
    }

    public Table deleteTable(String name) {
        return locked(() -> {
            Table t = tables.get(name);
            if (t == null) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
            }
            if (t.definition().deletionProtection()) {
                throw DynamoDbException.validation("Resource cannot be deleted as it is currently protected against deletion. "
                        + "Disable deletion protection first.");
            }
            announce(name, null);
            tables.remove(name);
            return t;
        });
    }

    /** Replaces a table's definition (indexes added are built from the items, removed ones dropped). */
    public TableDefinition updateDefinition(String name, UnaryOperator<TableDefinition> change) {
        return locked(() -> {
            Table t = requireTable(name);
            TableDefinition next = change.apply(t.definition());
            if (next.equals(t.definition())) {
                return next;
            }
            announce(name, next);
            t.redefine(next);
            return next;
        });
    }

    /**
     * Runs one write: {@code body} reads and stages changes through the transaction; when it
     * returns, the changes are announced to the write listeners and installed, all under the
     * lock. When it throws, nothing is changed.
     */
    public <T> T write(ItemChange.Origin origin, Function<WriteTransaction, T> body) {
        lock.lock();
        try {
            long now = clock.millis();
            WriteTransaction tx = new WriteTransaction(this, origin, now);
            T result = body.apply(tx);
            List<ItemChange> changes = tx.changes();
            if (!changes.isEmpty()) {
                for (WriteListener l : writeListeners) {
                    l.committed(changes, now);
                }
                tx.apply();
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code body} holding the write lock: a view no write can interleave with. */
    public <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Recovery: installs a table without announcing it (the durability plugin, at start-up). */
    public Table restoreTable(TableDefinition definition) {
        return locked(() -> {
            Table t = new Table(definition);
            tables.put(definition.name(), t);
            return t;
        });
    }

    /** Recovery: drops a table without announcing it. */
    public void restoreDeletion(String name) {
        locked(() -> tables.remove(name));
    }

    /** Recovery: installs an item's latest image (null: deleted) without announcing it. */
    public void restoreItem(String tableName, Map<String, AttributeValue> keys, Map<String, AttributeValue> image,
                            long writtenAt) {
        locked(() -> {
            Table t = requireTable(tableName);
            ItemKey key = t.definition().key().keyOf(image != null ? image : keys, false);
            StoredItem old = t.get(key);
            Map<String, AttributeValue> oldItem = old == null ? null : old.item();
            t.apply(key, old, oldItem, image == null ? null : StoredItem.of(image, writtenAt), image);
            return null;
        });
    }

    private void announce(String name, TableDefinition definition) {
        long now = clock.millis();
        List<CatalogListener> ls = new ArrayList<>(catalogListeners);
        for (CatalogListener l : ls) {
            l.tableChanged(name, definition, now);
        }
    }
}

package dev.meridian.dynamodb.ttl;

import dev.meridian.dynamodb.engine.CatalogListener;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.engine.WriteListener;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes expired items of tables with TTL enabled. An expiry index per table, kept current by
 * the write path, tells a sweep which items are due; each is re-read and deleted in its own
 * write with {@link ItemChange.Origin#TTL} (so streams and indexes see an ordinary delete made by
 * the service), and only if it is still due: an item re-written with a later TTL stays. Never
 * early: an item is due only once the clock is past its TTL; expired items stay readable until
 * the sweep deletes them, as in DynamoDB.
 *
 * <p>Lock order: the database's write lock, then this object's monitor (listeners run under the
 * write lock); a sweep collects due keys under the monitor and deletes after releasing it.
 */
public final class TtlReaper implements WriteListener, CatalogListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TtlReaper.class.getName());
    /** Deletes per table per sweep; the rest wait for the next sweep. */
    static final int BATCH = 1000;

    private final Database database;
    private final Clock clock;
    private final Map<String, ExpiryIndex> indexes = new HashMap<>();
    private final Set<String> toRebuild = new LinkedHashSet<>();
    private ScheduledExecutorService timer;

    public TtlReaper(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Starts sweeping every {@code period} on a daemon thread. */
    public synchronized void start(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("TTL sweep period must be positive, was " + period);
        }
        if (timer != null) {
            throw new IllegalStateException("TTL reaper already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamodb-ttl");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepLogged, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TTL sweep failed; the next sweep retries", e);
        }
    }

    /** Follows every table that exists now (at start-up, after recovery). */
    public void followExistingTables() {
        database.locked(() -> {
            for (Table t : database.tables().values()) {
                tableChanged(t.name(), t.definition(), 0);
            }
            return null;
        });
    }

    @Override
    public synchronized void tableChanged(String tableName, TableDefinition definition, long epochMillis) {
        if (definition == null || !definition.ttlEnabled() || definition.ttlAttribute() == null) {
            indexes.remove(tableName);
            toRebuild.remove(tableName);
            return;
        }
        ExpiryIndex current = indexes.get(tableName);
        if (current == null || !current.attribute().equals(definition.ttlAttribute())) {
            indexes.put(tableName, new ExpiryIndex(definition.ttlAttribute()));
            toRebuild.add(tableName); // filled from the table's items at the next sweep, under the write lock
        }
    }

    @Override
    public synchronized void committed(List<ItemChange> changes, long epochMillis) {
        if (indexes.isEmpty()) {
            return;
        }
        for (ItemChange c : changes) {
            ExpiryIndex index = indexes.get(c.table());
            if (index != null) {
                index.update(c.keys(), c.newImage());
            }
        }
    }

    /** One pass: builds pending indexes, then deletes what is due. Returns the number of items deleted. */
    public int sweep() {
        rebuildPending();
        long now = clock.millis();
        Map<String, List<Map<String, AttributeValue>>> due = new HashMap<>();
        Map<String, String> attributes = new HashMap<>();
        synchronized (this) {
            for (Map.Entry<String, ExpiryIndex> e : indexes.entrySet()) {
                e.getValue().forgetAncient(now);
                List<Map<String, AttributeValue>> keys = e.getValue().dueBefore(now, BATCH);
                if (!keys.isEmpty()) {
                    due.put(e.getKey(), keys);
                    attributes.put(e.getKey(), e.getValue().attribute());
                }
            }
        }
        int deleted = 0;
        for (Map.Entry<String, List<Map<String, AttributeValue>>> e : due.entrySet()) {
            for (Map<String, AttributeValue> keys : e.getValue()) {
                if (deleteIfDue(e.getKey(), attributes.get(e.getKey()), keys, now)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private boolean deleteIfDue(String tableName, String attribute, Map<String, AttributeValue> keys, long now) {
        return database.write(ItemChange.Origin.TTL, tx -> {
            Table table = database.table(tableName);
            if (table == null || !table.definition().ttlEnabled() || !attribute.equals(table.definition().ttlAttribute())) {
                return false;
            }
            ItemKey key = table.definition().key().keyOf(keys, false);
            Map<String, AttributeValue> item = tx.get(table, key);
            if (item != null && ExpiryIndex.due(item, attribute, now)) {
                tx.delete(table, key);
                return true;
            }
            // the index said due but the item says otherwise: put the index right, never delete
            synchronized (this) {
                ExpiryIndex index = indexes.get(tableName);
                if (index != null) {
                    index.update(keys, item);
                }
            }
            return false;
        });
    }

    private void rebuildPending() {
        synchronized (this) {
            if (toRebuild.isEmpty()) {
                return;
            }
        }
        database.locked(() -> {
            synchronized (this) {
                for (String name : new ArrayList<>(toRebuild)) {
                    Table table = database.table(name);
                    ExpiryIndex index = indexes.get(name);
                    if (table != null && index != null) {
                        index.clear();
                        for (StoredItem stored : table.items().values()) {
                            Map<String, AttributeValue> item = stored.item();
                            if (ExpiryIndex.expiryOf(item, index.attribute()) != null) {
                                index.update(table.definition().key().project(item), item);
                            }
                        }
                    }
                }
                toRebuild.clear();
            }
            return null;
        });
    }

    /** Items of {@code table} the index holds (tests; monitoring). */
    public synchronized int indexed(String table) {
        ExpiryIndex index = indexes.get(table);
        return index == null ? 0 : index.size();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}

package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.engine.CatalogListener;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.engine.WriteListener;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;
import dev.meridian.dynamodb.storage.WriteStamper;

import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One region's side of global tables: stamps local writes newer than what they overwrite,
 * hands every local change of a global table (client and TTL writes) to the scheduler, and
 * applies deliveries from other regions through the region's own write path with
 * {@link ItemChange.Origin#REPLICATION} (so they reach its stream, indexes and log) when they
 * win last-writer-wins. Replicated changes are never sent on again, so nothing loops.
 */
final class RegionReplica implements WriteListener, CatalogListener, WriteStamper {

    private static final Logger LOG = Logger.getLogger(RegionReplica.class.getName());

    /** What a delivery did. */
    enum Outcome { APPLIED, DISCARDED, NO_TABLE }

    /** Where local changes go. */
    interface Outbox {
        void send(int source, ItemChange change, Version version, long committedAt);
    }

    final int index;
    final String region;
    final Database database;
    private final Versions versions;
    private final Predicate<String> global;
    private final Outbox outbox;
    private final int regionCount;

    RegionReplica(int index, String region, Database database, int regionCount, Predicate<String> global, Outbox outbox) {
        this.index = index;
        this.region = region;
        this.database = database;
        this.regionCount = regionCount;
        this.versions = new Versions(regionCount);
        this.global = global;
        this.outbox = outbox;
    }

    void install() {
        database.locked(() -> {
            database.setWriteStamper(this);
            database.addWriteListener(this);
            database.addCatalogListener(this);
            return null;
        });
    }

    @Override
    public long stamp(Table table, ItemKey key, StoredItem old, long now) {
        if (!global.test(table.name())) return now;
        Version cur = versions.current(table.name(), key, old);
        return cur == null ? now : Math.max(now, cur.ts() + 1);
    }

    @Override
    public void committed(List<ItemChange> changes, long epochMillis) {
        for (ItemChange c : changes) {
            if (c.origin() == ItemChange.Origin.REPLICATION || !global.test(c.table())) continue;
            Table t = database.table(c.table());
            if (t == null) continue;
            ItemKey key = t.definition().key().keyOf(c.keys(), false);
            // inside the lock, before the change is installed: the table still holds the old version
            Version base = versions.current(c.table(), key, t.get(key));
            long ts = c.writtenAt() != 0 ? c.writtenAt() : epochMillis;
            Version v = Version.next(ts, index, c.newImage() == null, base, regionCount);
            versions.put(c.table(), key, v);
            outbox.send(index, c, v, epochMillis);
        }
    }

    @Override
    public void tableChanged(String tableName, TableDefinition definition, long epochMillis) {
        if (definition == null) versions.forget(tableName);
    }

    /**
     * Applies one delivery if it wins against this region's current version (under the write
     * lock, which is reentrant: the version is recorded only once the write has committed).
     * {@code conflicts} is told of a version lost to a concurrent one from another region.
     */
    Outcome apply(Delivery d, ConflictSink conflicts) {
        return database.locked(() -> {
            Table t = database.table(d.table());
            if (t == null) return Outcome.NO_TABLE;
            ItemKey key = t.definition().key().keyOf(d.keys(), false);
            Version cur = versions.current(d.table(), key, t.get(key));
            if (cur != null && Version.compare(d.version(), cur, conflicts.regions()) <= 0) {
                if (Version.conflict(d.version(), cur)) conflicts.lost(d.table(), key, d.version());
                return Outcome.DISCARDED;
            }
            if (cur != null && Version.conflict(cur, d.version())) conflicts.lost(d.table(), key, cur);
            try {
                database.write(ItemChange.Origin.REPLICATION, tx -> {
                    if (d.newImage() == null) tx.delete(t, key);
                    else tx.put(t, key, d.newImage(), d.version().ts());
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "replicating " + d.table() + " " + d.keys() + " to " + region + " failed", e);
                throw e;
            }
            versions.put(d.table(), key, d.version());
            return Outcome.APPLIED;
        });
    }

    /** Counts lost versions, once each. */
    interface ConflictSink {
        List<String> regions();

        void lost(String table, ItemKey key, Version version);
    }
}

package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One region's last-writer-wins metadata for the items of its global tables: the current
 * {@link Version} of every item written since its table became global, tombstones of deleted
 * items included (so a late older write cannot resurrect a deleted item). Read and written
 * under the region database's write lock; kept in memory only.
 */
final class Versions {

    private final int regions;
    private final Map<String, Map<ItemKey, Version>> byTable = new ConcurrentHashMap<>();

    Versions(int regions) {
        this.regions = regions;
    }

    /** The item's current version: the recorded one, else one of unknown origin from the stored item, else null. */
    Version current(String table, ItemKey key, StoredItem stored) {
        Map<ItemKey, Version> m = byTable.get(table);
        Version v = m == null ? null : m.get(key);
        if (v != null) return v;
        return stored == null ? null : Version.unknown(stored.writtenAt(), regions);
    }

    void put(String table, ItemKey key, Version version) {
        byTable.computeIfAbsent(table, t -> new ConcurrentHashMap<>()).put(key, version);
    }

    /** A table was deleted (or re-created): its metadata goes. */
    void forget(String table) {
        byTable.remove(table);
    }
}

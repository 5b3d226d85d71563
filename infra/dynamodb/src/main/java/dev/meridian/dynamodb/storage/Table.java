package dev.meridian.dynamodb.storage;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table's items and index entries. Reads are lock-free (concurrent sorted maps of immutable
 * {@link StoredItem}s); every change goes through {@link Database#write}, which holds the
 * database's write lock while it calls {@link #apply}.
 */
public final class Table {

    private volatile TableDefinition definition;
    private final ConcurrentSkipListMap<ItemKey, StoredItem> items = new ConcurrentSkipListMap<>();
    private volatile Map<String, ConcurrentSkipListMap<ItemKey, StoredItem>> indexes = Map.of();
    private final AtomicLong itemCount = new AtomicLong();
    private final AtomicLong sizeBytes = new AtomicLong();
    private final Map<String, String> tags = new java.util.concurrent.ConcurrentSkipListMap<>();

    Table(TableDefinition definition) {
        this.definition = definition;
        Map<String, ConcurrentSkipListMap<ItemKey, StoredItem>> m = new HashMap<>();
        for (IndexDefinition i : definition.indexes()) {
            m.put(i.name(), new ConcurrentSkipListMap<>());
        }
        this.indexes = Map.copyOf(m);
    }

    public TableDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public StoredItem get(ItemKey key) {
        return items.get(key);
    }

    /** All items in key order (hash of partition key, partition key, sort key). */
    public NavigableMap<ItemKey, StoredItem> items() {
        return items;
    }

    /** An index's entries in index-key order, or null when there is no such index. */
    public NavigableMap<ItemKey, StoredItem> index(String indexName) {
        return indexes.get(indexName);
    }

    /** The table's tags (TagResource), kept in memory only. */
    public Map<String, String> tags() {
        return tags;
    }

    public long itemCount() {
        return itemCount.get();
    }

    public long sizeBytes() {
        return sizeBytes.get();
    }

    /** Number of entries an index holds (its ItemCount). */
    public long indexItemCount(String indexName) {
        NavigableMap<ItemKey, StoredItem> m = indexes.get(indexName);
        return m == null ? 0 : m.size();
    }

    public long indexSizeBytes(String indexName) {
        NavigableMap<ItemKey, StoredItem> m = indexes.get(indexName);
        long n = 0;
        if (m != null) {
            for (StoredItem s : m.values()) n += s.size();
        }
        return n;
    }

    /** Installs one item change (under the write lock). */
    void apply(ItemKey key, StoredItem oldStored, Map<String, AttributeValue> oldItem,
               StoredItem newStored, Map<String, AttributeValue> newItem) {
        TableDefinition def = definition;
        for (IndexDefinition ix : def.indexes()) {
            ConcurrentSkipListMap<ItemKey, StoredItem> m = indexes.get(ix.name());
            ItemKey oldKey = oldItem == null ? null : ix.key().indexKeyOf(oldItem);
            ItemKey newKey = newItem == null ? null : ix.key().indexKeyOf(newItem);
            if (oldKey != null && (newKey == null || oldKey.compareTo(newKey) != 0)) {
                m.remove(oldKey.withTableKey(key));
            }
            if (newKey != null) {
                m.put(newKey.withTableKey(key), newStored);
            }
        }
        if (newStored == null) {
            if (items.remove(key) != null) {
                itemCount.decrementAndGet();
                sizeBytes.addAndGet(-oldStored.size());
            }
        } else {
            StoredItem previous = items.put(key, newStored);
            if (previous == null) {
                itemCount.incrementAndGet();
            } else {
                sizeBytes.addAndGet(-previous.size());
            }
            sizeBytes.addAndGet(newStored.size());
        }
    }

    /** Installs a new definition, building added indexes from the items and dropping removed ones (under the write lock). */
    void redefine(TableDefinition newDefinition) {
        Map<String, ConcurrentSkipListMap<ItemKey, StoredItem>> m = new HashMap<>();
        for (IndexDefinition ix : newDefinition.indexes()) {
            ConcurrentSkipListMap<ItemKey, StoredItem> existing = indexes.get(ix.name());
            if (existing == null) {
                existing = new ConcurrentSkipListMap<>();
                for (Map.Entry<ItemKey, StoredItem> e : items.entrySet()) {
                    ItemKey k = ix.key().indexKeyOf(e.getValue().item());
                    if (k != null) existing.put(k.withTableKey(e.getKey()), e.getValue());
                }
            }
            m.put(ix.name(), existing);
        }
        this.indexes = Map.copyOf(m);
        this.definition = newDefinition;
    }
}

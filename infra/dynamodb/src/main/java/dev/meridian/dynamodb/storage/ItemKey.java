package dev.meridian.dynamodb.storage;

import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Values;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The sort key of the stores: (hash of the partition key, partition key, sort key), so that
 * Scan walks partitions in hash order (a parallel Scan segment is a contiguous hash range) and
 * a partition's items lie together in sort-key order. Index entries carry the table key of
 * their item as a tie-breaker ({@link #tableKey}). Bounds ({@link #skBound}, {@link #tableBound})
 * make search keys that sort just before or after every real key of the same prefix.
 */
public final class ItemKey implements Comparable<ItemKey> {

    /** Number of hash values; a segment of N covers an equal share of [0, HASH_SPACE). */
    public static final long HASH_SPACE = 1L << 32;

    final long hash;
    final AttributeValue pk;
    final AttributeValue sk;
    final byte skBound;
    final ItemKey tableKey;
    final byte tableBound;

    private ItemKey(long hash, AttributeValue pk, AttributeValue sk, int skBound, ItemKey tableKey, int tableBound) {
        this.hash = hash;
        this.pk = pk;
        this.sk = sk;
        this.skBound = (byte) skBound;
        this.tableKey = tableKey;
        this.tableBound = (byte) tableBound;
    }

    public static ItemKey of(AttributeValue pk, AttributeValue sk) {
        return new ItemKey(hash(pk), pk, sk, 0, null, 0);
    }

    /** A search key sorting before (-1) or after (+1) every sort key in pk's partition. */
    public static ItemKey partitionBound(AttributeValue pk, int bound) {
        return new ItemKey(hash(pk), pk, null, bound, null, 0);
    }

    /** A search key before (-1) / after (+1) every index entry whose index key equals this one. */
    public ItemKey tieBound(int bound) {
        return new ItemKey(hash, pk, sk, skBound, null, bound);
    }

    /** An index entry: this index key, for the item with table key {@code table}. */
    public ItemKey withTableKey(ItemKey table) {
        return new ItemKey(hash, pk, sk, skBound, table, 0);
    }

    /** A search key at the start of hash value {@code h} (parallel scan segments). */
    public static ItemKey hashBound(long h) {
        return new ItemKey(h, null, null, -1, null, 0);
    }

    public AttributeValue partition() {
        return pk;
    }

    public AttributeValue sort() {
        return sk;
    }

    public ItemKey tableKey() {
        return tableKey;
    }

    public long hash() {
        return hash;
    }

    /** A stable 32-bit hash of the partition key's bytes (unsigned, in a long). */
    public static long hash(AttributeValue pk) {
        byte[] bytes;
        if (pk instanceof AttributeValue.S s) {
            bytes = s.value().getBytes(StandardCharsets.UTF_8);
        } else if (pk instanceof AttributeValue.N n) {
            bytes = n.text().getBytes(StandardCharsets.US_ASCII);
        } else if (pk instanceof AttributeValue.B b) {
            bytes = b.value();
        } else {
            bytes = pk.toString().getBytes(StandardCharsets.UTF_8);
        }
        int h = 0x811c9dc5;
        for (byte x : bytes) {
            h ^= x & 0xff;
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0xffffffffL;
    }

    @Override
    public int compareTo(ItemKey o) {
        int c = Long.compare(hash, o.hash);
        if (c != 0) return c;
        if (pk == null || o.pk == null) {
            return pk == null ? (o.pk == null ? 0 : skBound) : -o.skBound;
        }
        c = Values.compare(pk, o.pk);
        if (c != 0) return c;
        if (skBound != 0 || o.skBound != 0) {
            return Integer.compare(skBound, o.skBound);
        }
        if (sk != null && o.sk != null) {
            c = Values.compare(sk, o.sk);
            if (c != 0) return c;
        }
        if (tableKey == null || o.tableKey == null) {
            if (tableKey == null && o.tableKey == null) return Integer.compare(tableBound, o.tableBound);
            return tableKey == null ? tableBound : -o.tableBound;
        }
        return tableKey.compareTo(o.tableKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(hash, sk == null ? 0 : sk.hashCode(), tableKey);
    }

    @Override
    public String toString() {
        return "ItemKey[" + pk + ", " + sk + (tableKey == null ? "" : ", " + tableKey) + "]";
    }
}

package dev.meridian.dynamodb.ttl;

import dev.meridian.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The items of one table that carry a TTL, ordered by expiry, so that a sweep reads only the
 * items already due instead of scanning the table. Entries are added and removed from the write
 * path's old and new images; an entry is a hint (the reaper re-reads the item before deleting).
 * Not thread-safe: the {@link TtlReaper} guards it.
 */
final class ExpiryIndex {

    /** DynamoDB leaves alone items whose TTL lies more than five years in the past. */
    static final long FIVE_YEARS_MILLIS = 5L * 365 * 24 * 3600 * 1000;

    private final String attribute;
    /** Expiry (epoch millis, rounded down) to the keys of the items expiring then. */
    private final TreeMap<Long, Set<Map<String, AttributeValue>>> byExpiry = new TreeMap<>();
    private final Map<Map<String, AttributeValue>, Long> byKey = new HashMap<>();

    ExpiryIndex(String attribute) {
        this.attribute = attribute;
    }

    String attribute() {
        return attribute;
    }

    int size() {
        return byKey.size();
    }

    /**
     * The expiry of an item in epoch millis, or null when it has none: the attribute is missing or
     * not a number (DynamoDB ignores such items). The item expires once the clock is past it.
     */
    static Long expiryOf(Map<String, AttributeValue> item, String attribute) {
        if (item == null) {
            return null;
        }
        AttributeValue v = item.get(attribute);
        if (!(v instanceof AttributeValue.N n)) {
            return null;
        }
        BigDecimal millis = n.value().movePointRight(3);
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || millis.compareTo(BigDecimal.valueOf(Long.MIN_VALUE / 2)) < 0) {
            return null;
        }
        return millis.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
    }

    /** True when {@code item} is due at {@code nowMillis}: past its TTL, and not more than five years past. */
    static boolean due(Map<String, AttributeValue> item, String attribute, long nowMillis) {
        Long expiry = expiryOf(item, attribute);
        return expiry != null && nowMillis > expiry && nowMillis - expiry <= FIVE_YEARS_MILLIS;
    }

    void update(Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage) {
        Long previous = byKey.remove(keys);
        if (previous != null) {
            Set<Map<String, AttributeValue>> at = byExpiry.get(previous);
            if (at != null) {
                at.remove(keys);
                if (at.isEmpty()) {
                    byExpiry.remove(previous);
                }
            }
        }
        Long expiry = expiryOf(newImage, attribute);
        if (expiry != null) {
            byKey.put(keys, expiry);
            byExpiry.computeIfAbsent(expiry, e -> new HashSet<>(2)).add(keys);
        }
    }

    /** Keys of the items whose expiry is before {@code nowMillis}, oldest first, at most {@code max}. */
    List<Map<String, AttributeValue>> dueBefore(long nowMillis, int max) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (Map.Entry<Long, Set<Map<String, AttributeValue>>> e : byExpiry.headMap(nowMillis, false).entrySet()) {
            for (Map<String, AttributeValue> k : e.getValue()) {
                if (out.size() >= max) {
                    return out;
                }
                out.add(k);
            }
        }
        return out;
    }

    /** Forgets items whose TTL lies more than five years before {@code nowMillis}: they are never deleted. */
    void forgetAncient(long nowMillis) {
        Map<Long, Set<Map<String, AttributeValue>>> ancient = byExpiry.headMap(nowMillis - FIVE_YEARS_MILLIS, false);
        for (Set<Map<String, AttributeValue>> keys : ancient.values()) {
            for (Map<String, AttributeValue> k : keys) {
                byKey.remove(k);
            }
        }
        ancient.clear();
    }

    void clear() {
        byExpiry.clear();
        byKey.clear();
    }
}

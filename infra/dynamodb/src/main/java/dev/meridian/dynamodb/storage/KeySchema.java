package dev.meridian.dynamodb.storage;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** A partition key and an optional sort key, each with its scalar type (S, N or B). */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {

    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKeyAttribute(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    /**
     * The key of an item (or of a Key parameter) as stored; validates presence, type, emptiness
     * and size. {@code exact}: the map must hold nothing but the key (a Key parameter).
     */
    public ItemKey keyOf(Map<String, AttributeValue> item, boolean exact) {
        if (exact && item.size() != (hasRange() ? 2 : 1)) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        AttributeValue h = item.get(hashName);
        AttributeValue r = hasRange() ? item.get(rangeName) : null;
        if (h == null || (hasRange() && r == null)) {
            if (exact) {
                throw DynamoDbException.validation("The provided key element does not match the schema");
            }
            String missing = h == null ? hashName : rangeName;
            throw DynamoDbException.validation("One or more parameter values were invalid: Missing the key " + missing + " in the item");
        }
        check(hashName, hashType, h, 2048, exact);
        if (r != null) {
            check(rangeName, rangeType, r, 1024, exact);
        }
        return ItemKey.of(h, r);
    }

    private static void check(String name, String type, AttributeValue v, int maxBytes, boolean exact) {
        if (!v.type().equals(type)) {
            if (exact) {
                throw DynamoDbException.validation("The provided key element does not match the schema");
            }
            throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + name + " expected: " + type + " actual: " + v.type());
        }
        if (v.size() == 0) {
            throw DynamoDbException.validation("One or more parameter values were invalid: The AttributeValue for a key attribute "
                    + "cannot contain an empty " + (type.equals("S") ? "string" : "binary") + " value. Key: " + name);
        }
        if (v.size() > maxBytes) {
            String which = maxBytes == 2048 ? "partition" : "sort";
            throw DynamoDbException.validation("One or more parameter values were invalid: Size of " + which
                    + " key attribute " + name + " exceeds the limit of " + maxBytes + " bytes" );
        }
    }

    /** The key attributes of an item, in schema order (partition, then sort). */
    public Map<String, AttributeValue> project(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        AttributeValue h = item.get(hashName);
        if (h != null) key.put(hashName, h);
        if (hasRange()) {
            AttributeValue r = item.get(rangeName);
            if (r != null) key.put(rangeName, r);
        }
        return key;
    }

    /**
     * For an index: the index key of an item, or null when the item is not in the (sparse)
     * index: an attribute missing or of another type than the index's.
     */
    public ItemKey indexKeyOf(Map<String, AttributeValue> item) {
        AttributeValue h = item.get(hashName);
        if (h == null || !h.type().equals(hashType)) return null;
        AttributeValue r = null;
        if (hasRange()) {
            r = item.get(rangeName);
            if (r == null || !r.type().equals(rangeType)) return null;
        }
        return ItemKey.of(h, r);
    }
}

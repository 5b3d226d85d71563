package dev.meridian.dynamodb.storage;

import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Items;

import java.util.Map;

/**
 * One item as stored: its wire JSON bytes (compact; decoded on read), its DynamoDB size, and
 * the time of its last write (the hidden timestamp last-writer-wins replication will compare).
 */
public final class StoredItem {

    private final byte[] json;
    private final int size;
    private final long writtenAt;

    private StoredItem(byte[] json, int size, long writtenAt) {
        this.json = json;
        this.size = size;
        this.writtenAt = writtenAt;
    }

    public static StoredItem of(Map<String, AttributeValue> item, long writtenAt) {
        return new StoredItem(ItemJson.encode(item), (int) Items.size(item), writtenAt);
    }

    public Map<String, AttributeValue> item() {
        return ItemJson.decode(json);
    }

    /** The wire JSON of the item; do not modify. */
    public byte[] json() {
        return json;
    }

    public int size() {
        return size;
    }

    public long writtenAt() {
        return writtenAt;
    }
}

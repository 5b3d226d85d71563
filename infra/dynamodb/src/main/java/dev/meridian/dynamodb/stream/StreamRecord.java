package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Items;

import java.util.Map;

/**
 * One stored stream record. The key and the images the stream's view type keeps are held as
 * their compact wire JSON bytes (a load test writes hundreds of thousands of records; decoded
 * maps would cost several times more), decoded only when a reader asks.
 *
 * @param sequence     the record's sequence number within its stream (contiguous per shard)
 * @param epochMillis  when the write committed
 * @param event        INSERT, MODIFY or REMOVE
 * @param byTtl        true when the TTL reaper deleted the item (the record names the service)
 * @param sizeBytes    keys plus the images kept, as DynamoDB counts item sizes
 */
public record StreamRecord(long sequence,
                           long epochMillis,
                           Event event,
                           boolean byTtl,
                           byte[] keys,
                           byte[] oldImage,
                           byte[] newImage,
                           int sizeBytes) {

    public enum Event { INSERT, MODIFY, REMOVE }

    static StreamRecord of(long sequence, long epochMillis, Event event, boolean byTtl,
                           Map<String, AttributeValue> keys,
                           Map<String, AttributeValue> oldImage,
                           Map<String, AttributeValue> newImage) {
        long size = Items.size(keys);
        if (oldImage != null) size += Items.size(oldImage);
        if (newImage != null) size += Items.size(newImage);
        return new StreamRecord(sequence, epochMillis, event, byTtl, ItemJson.encode(keys),
                oldImage == null ? null : ItemJson.encode(oldImage),
                newImage == null ? null : ItemJson.encode(newImage),
                (int) Math.max(1, size));
    }

    public Map<String, AttributeValue> keysMap() {
        return ItemJson.decode(keys);
    }

    public Map<String, AttributeValue> oldImageMap() {
        return oldImage == null ? null : ItemJson.decode(oldImage);
    }

    public Map<String, AttributeValue> newImageMap() {
        return newImage == null ? null : ItemJson.decode(newImage);
    }
}

package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.durability.ChangeBytes;
import dev.meridian.dynamodb.engine.ItemChange;
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

    /** The record of change {@code i} of a write, keeping what {@code view} keeps (encodings shared with other listeners). */
    static StreamRecord of(long sequence, long epochMillis, Event event, boolean byTtl,
                           ItemChange change, ChangeBytes bytes, int i, StreamViewType view) {
        long size = Items.size(change.keys());
        byte[] oldImage = null;
        byte[] newImage = null;
        if (view.keepsOldImage() && change.oldImage() != null) {
            size += Items.size(change.oldImage());
            oldImage = bytes.oldImage(i);
        }
        if (view.keepsNewImage() && change.newImage() != null) {
            size += Items.size(change.newImage());
            newImage = bytes.newImage(i);
        }
        return new StreamRecord(sequence, epochMillis, event, byTtl, bytes.keys(i), oldImage, newImage, (int) Math.max(1, size));
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

package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * The wire JSON of one committed write's keys and images, encoded once and shared by the write
 * listeners that need it (the durability log and the streams each keep them as bytes). The
 * engine calls its listeners one after the other on the writing thread with the same list, so
 * the encodings of the last list seen on a thread are kept for the next listener.
 */
public final class ChangeBytes {

    private static final ThreadLocal<ChangeBytes> LAST = new ThreadLocal<>();

    private final List<ItemChange> changes;
    private final ItemChange[] snapshot;
    private final byte[][] keys;
    private final byte[][] oldImages;
    private final byte[][] newImages;

    private ChangeBytes(List<ItemChange> changes) {
        this.changes = changes;
        this.snapshot = changes.toArray(new ItemChange[0]);
        this.keys = new byte[changes.size()][];
        this.oldImages = new byte[changes.size()][];
        this.newImages = new byte[changes.size()][];
    }

    /** The encodings of {@code changes} (the same list object as the previous listener's: shared). */
    public static ChangeBytes of(List<ItemChange> changes) {
        ChangeBytes last = LAST.get();
        if (last != null && last.sameAs(changes)) {
            return last;
        }
        ChangeBytes fresh = new ChangeBytes(changes);
        LAST.set(fresh);
        return fresh;
    }

    /** The same list holding the same change objects (a list reused for another write is not the same). */
    private boolean sameAs(List<ItemChange> other) {
        if (other != changes || other.size() != keys.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (other.get(i) != snapshot[i]) {
                return false;
            }
        }
        return true;
    }

    public byte[] keys(int i) {
        if (keys[i] == null) keys[i] = encode(changes.get(i).keys());
        return keys[i];
    }

    /** Null when the item did not exist before. */
    public byte[] oldImage(int i) {
        if (oldImages[i] == null) oldImages[i] = encode(changes.get(i).oldImage());
        return oldImages[i];
    }

    /** Null when the write deleted the item. */
    public byte[] newImage(int i) {
        if (newImages[i] == null) newImages[i] = encode(changes.get(i).newImage());
        return newImages[i];
    }

    private static byte[] encode(Map<String, AttributeValue> item) {
        return item == null ? null : ItemJson.encode(item);
    }
}

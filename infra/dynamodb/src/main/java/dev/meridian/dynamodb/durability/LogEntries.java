package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The payloads of log frames. A catalog entry: {@code 'C', millis, table, definition JSON (or
 * none: deleted)}. A write entry, one per committed write (a whole transaction is one entry):
 * {@code 'W', millis, count, then per item: table, origin, keys, new image (or none: deleted),
 * old image (only when a stream of the table keeps old images; else a marker saying one existed)}. Items are their wire
 * JSON. A write some of whose items are stored with another hidden timestamp than the write's time
 * (global tables: a replicated version keeps its source's, a local one may be stamped past the
 * version it replaced) is a {@code 'V'} entry: the same, with each item's timestamp after its origin.
 */
final class LogEntries {

    static final byte CATALOG = 'C';
    static final byte WRITE = 'W';
    static final byte VERSIONED_WRITE = 'V';

    private LogEntries() {
    }

    sealed interface Entry permits Catalog, Write {
        long millis();
    }

    record Catalog(long millis, String table, TableDefinition definition) implements Entry {
    }

    record Write(long millis, List<ItemChange> changes) implements Entry {
    }

    static void writeCatalog(DataOutputStream out, String table, TableDefinition definition, long millis) throws IOException {
        out.writeByte(CATALOG);
        out.writeLong(millis);
        DataBuffer.writeString(out, table);
        DataBuffer.writeBytes(out, definition == null ? null : Json.MAPPER.writeValueAsBytes(definition.toJson()));
    }

    /** {@code keepOld[i]}: whether change i's old image is logged. */
    static void writeWrite(DataOutputStream out, List<ItemChange> changes, boolean[] keepOld, long millis) throws IOException {
        boolean versioned = false;
        for (ItemChange c : changes) versioned |= c.writtenAt() != 0 && c.writtenAt() != millis;
        out.writeByte(versioned ? VERSIONED_WRITE : WRITE);
        out.writeLong(millis);
        out.writeInt(changes.size());
        ChangeBytes bytes = ChangeBytes.of(changes);
        for (int i = 0; i < changes.size(); i++) {
            ItemChange c = changes.get(i);
            DataBuffer.writeString(out, c.table());
            out.writeByte(c.origin().ordinal());
            if (versioned) out.writeLong(c.writtenAt() != 0 ? c.writtenAt() : millis);
            DataBuffer.writeBytes(out, bytes.keys(i));
            DataBuffer.writeBytes(out, bytes.newImage(i));
            if (c.oldImage() == null) {
                out.writeInt(-1);
            } else if (keepOld[i]) {
                DataBuffer.writeBytes(out, bytes.oldImage(i));
            } else {
                out.writeInt(OLD_NOT_LOGGED);
            }
        }
    }

    static Entry read(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        byte type = in.readByte();
        long millis = in.readLong();
        if (type == CATALOG) {
            String table = readString(in);
            byte[] json = readBytes(in);
            return new Catalog(millis, table, json == null ? null : TableDefinition.fromJson(Json.MAPPER.readTree(json)));
        }
        if (type == WRITE || type == VERSIONED_WRITE) {
            int n = in.readInt();
            if (n < 0 || n > 1_000_000) {
                throw new IOException("a write entry with " + n + " changes");
            }
            List<ItemChange> changes = new ArrayList<>(n);
            ItemChange.Origin[] origins = ItemChange.Origin.values();
            for (int i = 0; i < n; i++) {
                String table = readString(in);
                int origin = in.readByte();
                if (origin < 0 || origin >= origins.length) {
                    throw new IOException("a change with unknown origin " + origin);
                }
                long writtenAt = type == VERSIONED_WRITE ? in.readLong() : millis;
                Map<String, AttributeValue> keys = item(readBytes(in));
                Map<String, AttributeValue> newImage = item(readBytes(in));
                Map<String, AttributeValue> oldImage = readOld(in);
                changes.add(new ItemChange(table, keys, oldImage, newImage, origins[origin], writtenAt));
            }
            return new Write(millis, changes);
        }
        throw new IOException("unknown log entry type " + type);
    }

    /**
     * Stands for an old image that existed but was not logged (no stream keeps it): enough for a
     * replayed change to be a MODIFY or REMOVE rather than an INSERT; no real item equals it.
     */
    static final Map<String, AttributeValue> OLD_IMAGE_NOT_LOGGED = Map.of("\u0000old image not logged", AttributeValue.NULL.INSTANCE);
    private static final int OLD_NOT_LOGGED = -2;

    private static Map<String, AttributeValue> readOld(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n == OLD_NOT_LOGGED) {
            return OLD_IMAGE_NOT_LOGGED;
        }
        if (n < 0 || n > Frames.MAX_PAYLOAD) {
            throw new IOException("a field of impossible length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return ItemJson.decode(b);
    }

    private static Map<String, AttributeValue> item(byte[] json) {
        return json == null ? null : ItemJson.decode(json);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > Frames.MAX_PAYLOAD) {
            throw new IOException("a field of impossible length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}

package dev.meridian.dynamodb.stream;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams' state in a snapshot: every stream (oldest first) with its shard chain and held
 * records, and which stream is each table's latest. Captured under the write lock as references
 * (records are immutable), written out later.
 */
final class StreamSnapshots {

    private static final int VERSION = 1;

    private StreamSnapshots() {
    }

    record ShardView(Shard shard, List<StreamRecord> held, long trimmed, boolean closed, long closedMillis) {
    }

    record StreamView(Stream stream, boolean enabled, long disabledMillis, int shardsCreated, List<ShardView> shards) {
    }

    static StreamView capture(Stream s) {
        synchronized (s) {
            List<ShardView> shards = new ArrayList<>();
            for (Shard sh : s.shards()) {
                shards.add(new ShardView(sh, sh.held(), sh.trimmedCount(), sh.closed(), sh.closedMillis()));
            }
            return new StreamView(s, s.enabled(), s.disabledMillis(), s.shardsCreated(), shards);
        }
    }

    static void write(DataOutputStream out, List<StreamView> streams, List<String> latest) throws IOException {
        out.writeInt(VERSION);
        out.writeInt(streams.size());
        for (StreamView v : streams) {
            Stream s = v.stream();
            out.writeUTF(s.table());
            out.writeUTF(s.label());
            out.writeUTF(s.viewType().name());
            out.writeLong(s.createdMillis());
            out.writeInt(s.keySchema().size());
            for (KeyElement k : s.keySchema()) {
                out.writeUTF(k.attributeName());
                out.writeUTF(k.keyType());
            }
            out.writeBoolean(v.enabled());
            out.writeLong(v.disabledMillis());
            out.writeInt(v.shardsCreated());
            out.writeInt(v.shards().size());
            for (ShardView sv : v.shards()) {
                Shard sh = sv.shard();
                out.writeUTF(sh.id);
                out.writeBoolean(sh.parentId != null);
                if (sh.parentId != null) out.writeUTF(sh.parentId);
                out.writeLong(sh.startSequence);
                out.writeLong(sh.createdMillis);
                out.writeLong(sv.trimmed());
                out.writeBoolean(sv.closed());
                out.writeLong(sv.closedMillis());
                out.writeInt(sv.held().size());
                for (StreamRecord r : sv.held()) {
                    out.writeLong(r.sequence());
                    out.writeLong(r.epochMillis());
                    out.writeByte(r.event().ordinal());
                    out.writeBoolean(r.byTtl());
                    bytes(out, r.keys());
                    bytes(out, r.oldImage());
                    bytes(out, r.newImage());
                    out.writeInt(r.sizeBytes());
                }
            }
        }
        out.writeInt(latest.size());
        for (String resource : latest) {
            out.writeUTF(resource);
        }
    }

    /** What {@link #write} wrote: the streams, and the resources of each table's latest stream. */
    record Restored(List<Stream> streams, List<String> latest) {
    }

    static Restored read(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("streams snapshot version " + version + " is not " + VERSION);
        }
        int n = in.readInt();
        List<Stream> streams = new ArrayList<>(n);
        StreamRecord.Event[] events = StreamRecord.Event.values();
        for (int i = 0; i < n; i++) {
            String table = in.readUTF();
            String label = in.readUTF();
            StreamViewType view = StreamViewType.valueOf(in.readUTF());
            long created = in.readLong();
            int keys = in.readInt();
            List<KeyElement> schema = new ArrayList<>(keys);
            for (int k = 0; k < keys; k++) {
                schema.add(new KeyElement(in.readUTF(), in.readUTF()));
            }
            Stream s = new Stream(table, label, schema, view, created);
            boolean enabled = in.readBoolean();
            long disabledAt = in.readLong();
            int shardsCreated = in.readInt();
            int shardCount = in.readInt();
            List<Shard> shards = new ArrayList<>(shardCount);
            for (int j = 0; j < shardCount; j++) {
                String id = in.readUTF();
                String parent = in.readBoolean() ? in.readUTF() : null;
                Shard sh = new Shard(id, parent, in.readLong(), in.readLong());
                long trimmed = in.readLong();
                boolean closed = in.readBoolean();
                long closedAt = in.readLong();
                int held = in.readInt();
                List<StreamRecord> records = new ArrayList<>(held);
                for (int r = 0; r < held; r++) {
                    long seq = in.readLong();
                    long millis = in.readLong();
                    StreamRecord.Event event = events[in.readByte()];
                    boolean ttl = in.readBoolean();
                    records.add(new StreamRecord(seq, millis, event, ttl, bytes(in), bytes(in), bytes(in), in.readInt()));
                }
                sh.restore(trimmed, records, closed, closedAt);
                shards.add(sh);
            }
            s.restore(enabled, disabledAt, shardsCreated, shards);
            streams.add(s);
        }
        int latestCount = in.readInt();
        List<String> latest = new ArrayList<>(latestCount);
        for (int i = 0; i < latestCount; i++) {
            latest.add(in.readUTF());
        }
        return new Restored(streams, latest);
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}

package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.durability.ChangeBytes;
import dev.meridian.dynamodb.engine.ItemChange;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream of one table: from the moment it was enabled to 24 hours after it was disabled. Its
 * shards form a chain: one open shard at a time; rolling over closes it and opens a child whose
 * ParentShardId names it. All methods synchronize on the stream.
 */
public final class Stream {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final String resource;
    private final String label;
    private final String table;
    private final List<KeyElement> keySchema;
    private final StreamViewType viewType;
    private final long createdMillis;
    private final List<Shard> shards = new ArrayList<>();
    private boolean enabled = true;
    private long disabledMillis;
    private int shardsCreated;

    Stream(String table, String label, List<KeyElement> keySchema, StreamViewType viewType, long createdMillis) {
        this.label = label != null ? label : labelAt(createdMillis);
        this.resource = "table/" + table + "/stream/" + this.label;
        this.table = table;
        this.keySchema = List.copyOf(keySchema);
        this.viewType = viewType;
        this.createdMillis = createdMillis;
        // sequence numbers start from the creation time, so a table's later streams number above its earlier ones
        openShard(null, createdMillis * 1000, createdMillis);
    }

    /** The label of a stream created at {@code millis} (ISO-8601, UTC, milliseconds). */
    static String labelAt(long millis) {
        return LABEL.format(Instant.ofEpochMilli(millis));
    }

    /** {@code table/<name>/stream/<label>}: the ARN without its region and account, which the request supplies. */
    public String resource() { return resource; }

    /** The stream's ARN as seen from {@code region}. */
    public String arn(String region) {
        return "arn:aws:dynamodb:" + region + ":000000000000:" + resource;
    }
    public String label() { return label; }
    public String table() { return table; }
    public List<KeyElement> keySchema() { return keySchema; }
    public StreamViewType viewType() { return viewType; }
    public long createdMillis() { return createdMillis; }

    public synchronized boolean enabled() {
        return enabled;
    }

    synchronized long disabledMillis() {
        return disabledMillis;
    }

    private Shard openShard(String parentId, long startSequence, long millis) {
        String id = String.format("shardId-%020d-%08x", millis, (resource + "#" + shardsCreated).hashCode());
        shardsCreated++;
        Shard shard = new Shard(id, parentId, startSequence, millis);
        shards.add(shard);
        return shard;
    }

    private Shard open() {
        Shard last = shards.get(shards.size() - 1);
        return last.closed() ? null : last;
    }

    /** Appends one record per real change of this stream's table; returns how many. */
    synchronized int append(List<ItemChange> changes, long millis, StreamSettings settings) {
        if (!enabled) {
            return 0;
        }
        int added = 0;
        ChangeBytes bytes = ChangeBytes.of(changes);
        for (int i = 0; i < changes.size(); i++) {
            ItemChange c = changes.get(i);
            if (!table.equals(c.table())) {
                continue;
            }
            StreamRecord.Event event;
            if (c.oldImage() == null && c.newImage() == null) {
                continue;
            } else if (c.oldImage() == null) {
                event = StreamRecord.Event.INSERT;
            } else if (c.newImage() == null) {
                event = StreamRecord.Event.REMOVE;
            } else if (c.oldImage().equals(c.newImage())) {
                continue; // DynamoDB Streams writes no record for a write that changes nothing
            } else {
                event = StreamRecord.Event.MODIFY;
            }
            Shard shard = open();
            if (shard.count() > 0 && (shard.count() >= settings.shardRolloverRecords()
                    || millis - shard.createdMillis >= settings.shardRolloverAfter().toMillis())) {
                shard.close(millis);
                shard = openShard(shard.id, shard.nextSequence(), millis);
            }
            shard.append(StreamRecord.of(shard.nextSequence(), millis, event, c.origin() == ItemChange.Origin.TTL,
                    c, bytes, i, viewType));
            added++;
        }
        return added;
    }

    /** Disabling closes the open shard; the stream stays readable until its records age out. */
    synchronized void disable(long millis) {
        if (!enabled) {
            return;
        }
        enabled = false;
        disabledMillis = millis;
        Shard shard = open();
        if (shard != null) {
            shard.close(millis);
        }
    }

    /** Trims records older than the cutoff and closed shards left empty; true when the stream is gone entirely. */
    synchronized boolean trim(long cutoffMillis) {
        for (Shard s : shards) {
            s.trimBefore(cutoffMillis);
        }
        shards.removeIf(s -> s.closed() && s.live() == 0 && s.closedMillis() < cutoffMillis);
        return !enabled && shards.isEmpty();
    }

    synchronized List<Shard> shards() {
        return new ArrayList<>(shards);
    }

    synchronized Shard shard(String shardId) {
        for (Shard s : shards) {
            if (s.id.equals(shardId)) {
                return s;
            }
        }
        return null;
    }

    /** Restore from a snapshot: replaces the shard chain and state. */
    synchronized void restore(boolean isEnabled, long disabledAt, int created, List<Shard> restored) {
        enabled = isEnabled;
        disabledMillis = disabledAt;
        shardsCreated = created;
        shards.clear();
        shards.addAll(restored);
    }

    synchronized int shardsCreated() {
        return shardsCreated;
    }
}

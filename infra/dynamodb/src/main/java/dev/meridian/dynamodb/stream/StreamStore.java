package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.engine.WriteListener;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stream of the engine: the write listener that turns committed changes into records, the
 * lifecycle (enable, disable, trim) and the read side (iterators, pages). Writes to different
 * tables append in parallel (one lock per stream); the stream list has its own lock.
 */
public final class StreamStore implements WriteListener {

    /** GetRecords returns at most 1 MB. */
    static final long MAX_PAGE_BYTES = 1024 * 1024;

    private final StreamSettings settings;
    private final Clock clock;
    /** Every stream not yet aged out, by {@link Stream#resource()}, oldest first; guarded by {@code this}. */
    private final Map<String, Stream> byResource = new LinkedHashMap<>();
    /** The latest stream of each table (enabled or not), for DescribeTable; guarded by {@code this}. */
    private final Map<String, Stream> latestByTable = new LinkedHashMap<>();
    /** The enabled stream of each table: the write path's only lookup. */
    private final ConcurrentHashMap<String, Stream> enabledByTable = new ConcurrentHashMap<>();
    private volatile long nextTrimMillis;

    public StreamStore(StreamSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public StreamSettings settings() {
        return settings;
    }

    /**
     * Makes sure {@code table} has an enabled stream with this label and view type: a no-op when it
     * has, otherwise the current stream (if any) is disabled and a new one created.
     */
    public synchronized Stream enable(String table, String label, List<KeyElement> keySchema,
                                      StreamViewType viewType, long millis) {
        Stream current = enabledByTable.get(table);
        String wanted = label != null ? label : Stream.labelAt(millis);
        if (current != null && current.label().equals(wanted) && current.viewType() == viewType) {
            return current;
        }
        if (current != null) {
            disable(table, millis);
        }
        Stream stream = new Stream(table, wanted, keySchema, viewType, millis);
        // a label repeats only when a stream is disabled and re-enabled within one millisecond: the new one wins
        byResource.remove(stream.resource());
        byResource.put(stream.resource(), stream);
        latestByTable.put(table, stream);
        enabledByTable.put(table, stream);
        return stream;
    }

    /** Disables the table's stream, if it has one (also for a deleted table). */
    public synchronized void disable(String table, long millis) {
        Stream current = enabledByTable.remove(table);
        if (current != null) {
            current.disable(millis);
        }
    }

    /** The table's latest stream, enabled or not, or null (DescribeTable's LatestStreamArn). */
    public synchronized Stream latest(String table) {
        return latestByTable.get(table);
    }

    public Stream enabledStream(String table) {
        return enabledByTable.get(table);
    }

    @Override
    public void committed(List<ItemChange> changes, long epochMillis) {
        if (enabledByTable.isEmpty()) {
            return;
        }
        String only = null;
        boolean many = false;
        for (ItemChange c : changes) {
            if (only == null) {
                only = c.table();
            } else if (!only.equals(c.table())) {
                many = true;
                break;
            }
        }
        if (!many) {
            Stream s = only == null ? null : enabledByTable.get(only);
            if (s != null) {
                s.append(changes, epochMillis, settings);
            }
        } else {
            for (String table : changes.stream().map(ItemChange::table).distinct().toList()) {
                Stream s = enabledByTable.get(table);
                if (s != null) {
                    s.append(changes, epochMillis, settings);
                }
            }
        }
        long now = clock.millis();
        if (now >= nextTrimMillis) {
            trim();
        }
    }

    /** Drops records older than the retention period, and streams left with nothing. */
    public synchronized void trim() {
        long now = clock.millis();
        long cutoff = now - settings.retention().toMillis();
        byResource.values().removeIf(s -> s.trim(cutoff));
        latestByTable.values().removeIf(s -> !byResource.containsKey(s.resource()));
        nextTrimMillis = now + 1000;
    }

    /** Streams (after trimming), oldest first, optionally of one table. */
    public synchronized List<Stream> streams(String table) {
        trim();
        List<Stream> out = new ArrayList<>();
        for (Stream s : byResource.values()) {
            if (table == null || s.table().equals(table)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The stream an ARN names (any region: the engine serves one), or ResourceNotFoundException. */
    public synchronized Stream stream(String arn) {
        trim();
        Stream s = byResource.get(resourceOf(arn));
        if (s == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
        }
        return s;
    }

    /** {@code table/<name>/stream/<label>} of a stream ARN; ValidationException when it is not one. */
    static String resourceOf(String arn) {
        if (arn == null || arn.length() < 37 || arn.length() > 1024 || !arn.startsWith("arn:aws:dynamodb:")) {
            throw DynamoDbException.validation("Invalid StreamArn: '" + arn + "' (expected arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>)");
        }
        int i = arn.indexOf(":table/");
        if (i < 0 || !arn.substring(i).contains("/stream/")) {
            throw DynamoDbException.validation("Invalid StreamArn: '" + arn + "' (expected arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>)");
        }
        return arn.substring(i + 1);
    }

    /** GetShardIterator: the iterator's wire text. */
    public String shardIterator(String arn, String shardId, String type, String sequenceNumber) {
        Stream stream = stream(arn);
        synchronized (stream) {
            Shard shard = stream.shard(shardId);
            if (shard == null) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: Shard: " + shardId + " in Stream: " + arn + " not found");
            }
            long position = switch (type == null ? "" : type) {
                case "TRIM_HORIZON" -> noSequence(type, sequenceNumber, shard.firstRetained());
                case "LATEST" -> noSequence(type, sequenceNumber, shard.nextSequence());
                case "AT_SEQUENCE_NUMBER" -> at(shard, sequenceNumber, type, 0);
                case "AFTER_SEQUENCE_NUMBER" -> at(shard, sequenceNumber, type, 1);
                default -> throw DynamoDbException.validation("1 validation error detected: Value '" + type
                        + "' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]");
            };
            return new ShardIterator(stream.resource(), shardId, position, clock.millis()).encode();
        }
    }

    private static long noSequence(String type, String sequenceNumber, long position) {
        if (sequenceNumber != null) {
            throw DynamoDbException.validation("SequenceNumber is only valid with AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER, not " + type);
        }
        return position;
    }

    private static long at(Shard shard, String text, String type, int after) {
        if (text == null) {
            throw DynamoDbException.validation("SequenceNumber is required with ShardIteratorType " + type);
        }
        long n = SequenceNumbers.parse(text);
        long last = shard.nextSequence() - 1;
        if (n < shard.startSequence || n > last) {
            throw DynamoDbException.validation("Invalid SequenceNumber " + text + " for shard " + shard.id
                    + ": the shard holds " + describeRange(shard));
        }
        if (n < shard.firstRetained()) {
            throw new DynamoDbException("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard: "
                    + text + " was trimmed (older than the retention period)");
        }
        return n + after;
    }

    private static String describeRange(Shard shard) {
        if (shard.count() == 0) {
            return "no records yet";
        }
        return "sequence numbers " + SequenceNumbers.format(shard.startSequence) + " to "
                + SequenceNumbers.format(shard.closed() ? shard.endSequence() : shard.nextSequence() - 1);
    }

    /** One GetRecords page; {@code nextIterator} is null when a closed shard has been read to its end. */
    public record Page(Stream stream, List<StreamRecord> records, String nextIterator) {
    }

    public Page records(String iteratorText, int limit) {
        if (limit < 1 || limit > 1000) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000");
        }
        ShardIterator it = ShardIterator.decode(iteratorText);
        long now = clock.millis();
        if (now - it.issuedMillis() > settings.iteratorLifetime().toMillis()) {
            throw new DynamoDbException("ExpiredIteratorException", "Iterator expired: issued at " + it.issuedMillis()
                    + ", now " + now + ", an iterator is valid for " + settings.iteratorLifetime().toMillis() + " ms");
        }
        Stream stream;
        synchronized (this) {
            trim();
            stream = byResource.get(it.streamResource());
        }
        if (stream == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: the iterator's stream " + it.streamResource() + " no longer exists");
        }
        synchronized (stream) {
            Shard shard = stream.shard(it.shardId());
            if (shard == null) {
                throw new DynamoDbException("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard: shard "
                        + it.shardId() + " has aged out of the stream");
            }
            if (it.position() < shard.firstRetained()) {
                throw new DynamoDbException("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard: "
                        + "the iterator points at " + SequenceNumbers.format(it.position()) + ", which was trimmed");
            }
            if (it.position() > shard.nextSequence()) {
                throw DynamoDbException.validation("Invalid ShardIterator: position beyond the end of shard " + shard.id);
            }
            List<StreamRecord> page = shard.read(it.position(), limit, MAX_PAGE_BYTES);
            long next = it.position() + page.size();
            String nextIterator = shard.closed() && next >= shard.nextSequence()
                    ? null
                    : new ShardIterator(it.streamResource(), it.shardId(), next, now).encode();
            return new Page(stream, page, nextIterator);
        }
    }

    /** A consistent view for a snapshot (call holding the database's write lock); writes it out later. */
    synchronized Snapshot capture() {
        List<StreamSnapshots.StreamView> views = new ArrayList<>();
        for (Stream s : byResource.values()) {
            views.add(StreamSnapshots.capture(s));
        }
        List<String> latest = new ArrayList<>();
        for (Stream s : latestByTable.values()) {
            latest.add(s.resource());
        }
        return out -> StreamSnapshots.write(out, views, latest);
    }

    /** Writes a captured view. */
    interface Snapshot {
        void writeTo(java.io.DataOutputStream out) throws java.io.IOException;
    }

    /** Replaces every stream with a snapshot's (at start-up, before any write). */
    synchronized void restore(java.io.DataInputStream in) throws java.io.IOException {
        StreamSnapshots.Restored restored = StreamSnapshots.read(in);
        byResource.clear();
        latestByTable.clear();
        enabledByTable.clear();
        for (Stream s : restored.streams()) {
            byResource.put(s.resource(), s);
            if (s.enabled()) {
                enabledByTable.put(s.table(), s);
            }
        }
        for (String resource : restored.latest()) {
            Stream s = byResource.get(resource);
            if (s != null) {
                latestByTable.put(s.table(), s);
            }
        }
    }
}

package dev.meridian.dynamodb.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard: records with contiguous sequence numbers from {@link #startSequence}, trimmed from the
 * head as they age out. Not thread-safe: its {@link Stream} guards it.
 */
final class Shard {

    private static final int COMPACT_AFTER = 4096;

    final String id;
    final String parentId;
    final long startSequence;
    final long createdMillis;

    /** Live records are {@code records[head..]}; {@code records[i]} has sequence {@code startSequence + trimmed + i - head}. */
    private final ArrayList<StreamRecord> records = new ArrayList<>();
    private int head;
    private long trimmed;
    private boolean closed;
    private long closedMillis;

    Shard(String id, String parentId, long startSequence, long createdMillis) {
        this.id = id;
        this.parentId = parentId;
        this.startSequence = startSequence;
        this.createdMillis = createdMillis;
    }

    /** The sequence number the next appended record gets. */
    long nextSequence() {
        return startSequence + trimmed + (records.size() - head);
    }

    /** The oldest sequence number still held (equals {@link #nextSequence()} when empty). */
    long firstRetained() {
        return startSequence + trimmed;
    }

    long count() {
        return trimmed + (records.size() - head);
    }

    int live() {
        return records.size() - head;
    }

    boolean closed() {
        return closed;
    }

    long closedMillis() {
        return closedMillis;
    }

    /** Inclusive last sequence number of a closed shard; for a closed shard that never held a record, its start. */
    long endSequence() {
        return Math.max(startSequence, nextSequence() - 1);
    }

    boolean everTrimmed() {
        return trimmed > 0;
    }

    void append(StreamRecord record) {
        if (closed) {
            throw new IllegalStateException("shard " + id + " is closed");
        }
        if (record.sequence() != nextSequence()) {
            throw new IllegalStateException("shard " + id + ": record " + record.sequence() + " out of order, expected " + nextSequence());
        }
        records.add(record);
    }

    void close(long millis) {
        closed = true;
        closedMillis = millis;
    }

    /** Drops records committed before {@code cutoffMillis}; returns how many. */
    int trimBefore(long cutoffMillis) {
        int dropped = 0;
        while (head < records.size() && records.get(head).epochMillis() < cutoffMillis) {
            records.set(head, null);
            head++;
            trimmed++;
            dropped++;
        }
        if (head > COMPACT_AFTER && head * 2 > records.size()) {
            records.subList(0, head).clear();
            head = 0;
        }
        if (head == records.size() && head > 0) {
            records.clear();
            head = 0;
        }
        return dropped;
    }

    /** Up to {@code max} records from {@code sequence} (which must be held or next), stopping at {@code maxBytes}. */
    List<StreamRecord> read(long sequence, int max, long maxBytes) {
        List<StreamRecord> out = new ArrayList<>(Math.min(max, 64));
        long bytes = 0;
        int i = head + (int) (sequence - firstRetained());
        while (i < records.size() && out.size() < max) {
            StreamRecord r = records.get(i);
            bytes += r.sizeBytes();
            if (!out.isEmpty() && bytes > maxBytes) {
                break;
            }
            out.add(r);
            i++;
        }
        return out;
    }

    /** The records held, oldest first (for snapshots). */
    List<StreamRecord> held() {
        return new ArrayList<>(records.subList(head, records.size()));
    }

    /** Restores a snapshot's state: how many were trimmed before the held records, and whether closed. */
    void restore(long trimmedBefore, List<StreamRecord> held, boolean isClosed, long closedAt) {
        records.clear();
        head = 0;
        trimmed = trimmedBefore;
        records.addAll(held);
        closed = isClosed;
        closedMillis = closedAt;
    }

    long trimmedCount() {
        return trimmed;
    }
}

package dev.meridian.dynamodb.replication;

import java.util.Arrays;

/** One table's replication figures: lag of the last deliveries (ring), max lag, pending, conflicts. */
final class LagStats {

    private static final int WINDOW = 4096;

    private final long[] recent = new long[WINDOW];
    private int count;
    private int next;
    private long max;
    long pending;
    long conflicts;

    synchronized void delivered(long lagMillis) {
        long lag = Math.max(0, lagMillis);
        recent[next] = lag;
        next = (next + 1) % WINDOW;
        if (count < WINDOW) count++;
        max = Math.max(max, lag);
    }

    synchronized void queued() {
        pending++;
    }

    synchronized void dequeued() {
        pending--;
    }

    synchronized void conflict() {
        conflicts++;
    }

    synchronized Replication.TableStats snapshot() {
        long p50 = 0;
        if (count > 0) {
            long[] sorted = Arrays.copyOf(recent, count);
            Arrays.sort(sorted);
            p50 = sorted[(count - 1) / 2];
        }
        return new Replication.TableStats(pending, p50, max, conflicts);
    }
}

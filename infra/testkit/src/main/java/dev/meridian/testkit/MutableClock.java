package dev.meridian.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test clock: it moves only when a test says so ({@link #advance}), and {@link #skewed}
 * gives views of the same time line that run ahead or behind it (another host's clock).
 * Nanosecond resolution (nanoseconds since the epoch fit a long until 2262), UTC.
 */
public final class MutableClock extends Clock {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final AtomicLong nanos;
    private final long offsetNanos;

    public MutableClock(Instant start) {
        this(new AtomicLong(Math.addExact(Math.multiplyExact(start.getEpochSecond(), NANOS_PER_SECOND), start.getNano())), 0);
    }

    private MutableClock(AtomicLong nanos, long offsetNanos) {
        this.nanos = nanos;
        this.offsetNanos = offsetNanos;
    }

    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    /** Moves this clock and every view of it forward: a pause that all parties live through. */
    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Another host's clock: the same time line, read {@code offset} ahead (negative: behind). */
    public MutableClock skewed(Duration offset) {
        return new MutableClock(nanos, offsetNanos + offset.toNanos());
    }

    @Override
    public long millis() {
        return Math.floorDiv(nanos.get() + offsetNanos, 1_000_000L);
    }

    @Override
    public Instant instant() {
        long now = nanos.get() + offsetNanos;
        return Instant.ofEpochSecond(Math.floorDiv(now, NANOS_PER_SECOND), Math.floorMod(now, NANOS_PER_SECOND));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the test clock is UTC only");
        }
        return this;
    }
}

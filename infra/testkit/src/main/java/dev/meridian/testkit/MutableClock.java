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
 * Millisecond resolution, UTC.
 */
public final class MutableClock extends Clock {

    private final AtomicLong millis;
    private final long offsetMillis;

    public MutableClock(Instant start) {
        this(new AtomicLong(start.toEpochMilli()), 0);
    }

    private MutableClock(AtomicLong millis, long offsetMillis) {
        this.millis = millis;
        this.offsetMillis = offsetMillis;
    }

    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    /** Moves this clock and every view of it forward: a pause that all parties live through. */
    public void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    /** Another host's clock: the same time line, read {@code offset} ahead (negative: behind). */
    public MutableClock skewed(Duration offset) {
        return new MutableClock(millis, offsetMillis + offset.toMillis());
    }

    @Override
    public long millis() {
        return millis.get() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
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

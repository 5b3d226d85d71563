package dev.meridian.common.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A test clock that moves only when told to; {@link #skewed} gives views that run ahead or behind it. */
final class MutableClock extends Clock {

    private final AtomicLong millis;
    private final long offsetMillis;

    private MutableClock(AtomicLong millis, long offsetMillis) {
        this.millis = millis;
        this.offsetMillis = offsetMillis;
    }

    static MutableClock at(Instant start) {
        return new MutableClock(new AtomicLong(start.toEpochMilli()), 0);
    }

    /** Moves this clock and every view of it forward: a pause that all parties live through. */
    void advance(Duration d) {
        millis.addAndGet(d.toMillis());
    }

    /** Another host's clock: the same time line, read {@code offset} ahead (negative: behind). */
    MutableClock skewed(Duration offset) {
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
        throw new UnsupportedOperationException("UTC only");
    }
}

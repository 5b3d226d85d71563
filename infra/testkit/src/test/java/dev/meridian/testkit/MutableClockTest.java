package dev.meridian.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MutableClockTest {

    @Test
    void advance_shouldKeepNanoseconds_andMoveEverySkewedView() {
        // given
        MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        MutableClock ahead = clock.skewed(Duration.ofSeconds(5));

        // when
        clock.advance(Duration.ofNanos(1_500));

        // then: sub-millisecond steps are kept (order ids sort by them), views move together
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00.000001500Z"));
        assertThat(ahead.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:05.000001500Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }
}

package dev.meridian.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StatsTest {

    @Test
    void percentileMs_shouldReadTheHistogramInMilliseconds_withinItsPrecision() {
        // given: 1 .. 100 ms, recorded in reverse order
        Histogram nanos = Stats.nanos();
        for (int ms = 100; ms >= 1; ms--) {
            nanos.recordValue(ms * 1_000_000L);
        }

        // when / then: 3 significant digits, so each reads within 0.1 %
        assertThat(Stats.percentileMs(nanos, 50)).isCloseTo(50.0, within(0.05));
        assertThat(Stats.percentileMs(nanos, 99)).isCloseTo(99.0, within(0.1));
        assertThat(Stats.percentileMs(nanos, 100)).isCloseTo(100.0, within(0.1));
    }

    @Test
    void percentileMs_shouldReturnTheOnlySample_whenThereIsOne() {
        Histogram nanos = Stats.nanos();
        nanos.recordValue(7_500_000L);
        assertThat(Stats.percentileMs(nanos, 99)).isCloseTo(7.5, within(0.01));
        assertThat(Stats.percentileMs(nanos, 1)).isCloseTo(7.5, within(0.01));
    }

    @Test
    void percentileMs_shouldBeNaN_whenEmpty_andRejectOutOfRange() {
        assertThat(Stats.percentileMs(Stats.nanos(), 50)).isNaN();
        assertThatThrownBy(() -> Stats.percentileMs(Stats.nanos(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentileMs(Stats.nanos(), 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void median_shouldAverageTheMiddlePair_whenCountIsEven() {
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void ratio_shouldBeNaN_whenTheBaselineIsMissingOrZero() {
        assertThat(Stats.ratio(6, 3)).isEqualTo(2.0);
        assertThat(Stats.ratio(6, 0)).isNaN();
        assertThat(Stats.ratio(Double.NaN, 3)).isNaN();
        assertThat(Stats.times(1.234)).isEqualTo("1.23×");
        assertThat(Stats.ms(Double.NaN)).isEqualTo("-");
    }
}

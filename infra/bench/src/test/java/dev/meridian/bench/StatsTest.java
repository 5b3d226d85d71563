package dev.meridian.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void percentile_shouldUseNearestRank_whenSamplesAreUnsorted() {
        // given
        double[] samples = new double[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // 100 .. 1
        }

        // when / then
        assertThat(Stats.percentile(samples, 50)).isEqualTo(50.0);
        assertThat(Stats.percentile(samples, 99)).isEqualTo(99.0);
        assertThat(Stats.percentile(samples, 100)).isEqualTo(100.0);
        assertThat(samples[0]).as("input not sorted in place").isEqualTo(100.0);
    }

    @Test
    void percentile_shouldReturnTheOnlySample_whenThereIsOne() {
        assertThat(Stats.percentile(new double[]{7.5}, 99)).isEqualTo(7.5);
        assertThat(Stats.percentile(new double[]{7.5}, 1)).isEqualTo(7.5);
    }

    @Test
    void percentile_shouldBeNaN_whenEmpty_andRejectOutOfRange() {
        assertThat(Stats.percentile(new double[0], 50)).isNaN();
        assertThatThrownBy(() -> Stats.percentile(new double[]{1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new double[]{1}, 101)).isInstanceOf(IllegalArgumentException.class);
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

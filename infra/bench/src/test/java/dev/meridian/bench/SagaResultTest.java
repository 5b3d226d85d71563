package dev.meridian.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SagaResultTest {

    @Test
    void ratio_shouldUseTheMeanCapacity_andStrictRatioTheHighest() {
        // given: 20 orders/s at 10 calls per order; DynamoDB Local did 800 calls/s before the run and 400 after
        var r = new SagaThroughputBench.Result(300, 16, 20, 10, 800, 400, null);
        // then: bound = 600 / 10 = 60 orders/s; strict bound = 800 / 10 = 80 orders/s
        assertThat(r.rawCallsPerSecond()).isEqualTo(600);
        assertThat(r.bound()).isEqualTo(60);
        assertThat(r.ratio()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(r.strictRatio()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void strictRatio_shouldNotDependOnWhichEndWasFaster() {
        var before = new SagaThroughputBench.Result(300, 16, 20, 10, 800, 400, null);
        var after = new SagaThroughputBench.Result(300, 16, 20, 10, 400, 800, null);
        assertThat(after.strictRatio()).isEqualTo(before.strictRatio());
        assertThat(after.ratio()).isEqualTo(before.ratio());
    }
}

package dev.meridian.bench.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EngineFiguresTest {

    @Test
    void cpuSecondsFromStat_shouldAddUtimeAndStime_evenWhenTheNameHoldsSpacesAndParentheses() {
        // given: pid, "(comm)" with a space and a ')' inside, then state and fields 4..15; utime=250, stime=50 ticks
        String stat = "4242 (java (bench) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 30 0 123 456 789";

        assertThat(EngineFigures.cpuSecondsFromStat(stat)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void cpuSecondsFromStat_shouldReject_linesThatAreNotStat() {
        assertThatThrownBy(() -> EngineFigures.cpuSecondsFromStat("no parenthesis here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("')'");
        assertThatThrownBy(() -> EngineFigures.cpuSecondsFromStat("1 (java) S 1 2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too few fields");
        assertThatThrownBy(() -> EngineFigures.cpuSecondsFromStat("1 (java) S 1 2 3 4 5 6 7 8 9 10 x y 0 0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not numbers");
    }

    @Test
    void processCpuSeconds_shouldReadThisProcess_whereProcExists() {
        double cpu = EngineFigures.processCpuSeconds(ProcessHandle.current().pid());
        if (!Double.isNaN(cpu)) {
            assertThat(cpu).isPositive();
        }
        assertThat(EngineFigures.processCpuSeconds(Long.MAX_VALUE)).as("no such process").isNaN();
    }

    @Test
    void phase_shouldDeriveRatesAndCpuSplit() {
        // 10,000 calls in 2 s; 3 s CPU of the client, 1 s of the engine
        var p = new EngineFigures.Phase(10_000, 2, 1.5, 9, 3, 1);

        assertThat(p.callsPerSecond()).isEqualTo(5_000);
        assertThat(p.callsPerCpuSecond()).isEqualTo(2_500);
        assertThat(p.clientMicrosPerCall()).isCloseTo(300, within(1e-9));
        assertThat(p.engineMicrosPerCall()).isCloseTo(100, within(1e-9));
        assertThat(p.engineShare()).isCloseTo(0.25, within(1e-9));
        assertThat(p.callsPerEngineCpuSecond()).isEqualTo(10_000);
        assertThat(new EngineFigures.Phase(0, 0, 0, 0, 0, 0).callsPerSecond()).isNaN();
        assertThat(new EngineFigures.Phase(10, 1, 0, 0, 1, Double.NaN).engineMicrosPerCall()).as("no /proc").isNaN();
    }

    @Test
    void result_shouldJudgeTheTargets_atTheirEdges() {
        var empty = new EngineFigures.Phase(10_000, 2, 1, 2, 1, 1);       // 5,000 calls/s: exactly 10× 500
        var loaded = new EngineFigures.Phase(8_000, 2, 1, 2, 1, 1);       // 4,000 calls/s: exactly 0.8×
        var r = new EngineFigures.Result(16, 1_000_000, 194, empty, loaded, null, 3, 100L << 20, (100L << 20) + (1L << 30), null);

        assertThat(r.vsBaseline()).isEqualTo(10);
        assertThat(r.emptyOk()).isTrue();
        assertThat(r.loadedRatio()).isCloseTo(0.8, within(1e-12));
        assertThat(r.loadedOk()).isTrue();
        assertThat(r.heapGrowthBytes()).isEqualTo(1L << 30);
        assertThat(r.heapOk()).isTrue();

        var slower = new EngineFigures.Result(16, 1_000_000, 194, new EngineFigures.Phase(9_998, 2, 1, 2, 1, 1),
                new EngineFigures.Phase(7_000, 2, 1, 2, 1, 1), null, 3, 0, (1L << 30) + 1, null);
        assertThat(slower.emptyOk()).isFalse();
        assertThat(slower.loadedOk()).isFalse();
        assertThat(slower.heapOk()).isFalse();
    }

    @Test
    void result_shouldTakeTheHigherEmptyPhase_asTheEmptyTableCapacity() {
        var warmingUp = new EngineFigures.Phase(4_000, 2, 1, 2, 1, 1);    // 2,000 calls/s while the JVMs still compile
        var loaded = new EngineFigures.Phase(5_000, 2, 1, 2, 1, 1);       // 2,500 calls/s
        var warm = new EngineFigures.Phase(6_000, 2, 1, 2, 1, 1);         // 3,000 calls/s on a fresh empty table after

        var r = new EngineFigures.Result(16, 1_000_000, 194, warmingUp, loaded, warm, 3, 0, 1, null);

        assertThat(r.emptyCallsPerSecond()).isEqualTo(3_000);
        assertThat(r.loadedRatio()).as("against the warm empty figure, not the flattering first one").isCloseTo(2_500.0 / 3_000, within(1e-12));
        assertThat(r.loadedOk()).isTrue();
        var reversed = new EngineFigures.Result(16, 1_000_000, 194, warm, loaded, warmingUp, 3, 0, 1, null);
        assertThat(reversed.emptyCallsPerSecond()).isEqualTo(3_000);
    }

    @Test
    void failedResult_shouldMeetNoTarget() {
        var r = EngineFigures.Result.failed(16, 1000, "engine did not start");

        assertThat(r.emptyOk() || r.loadedOk() || r.heapOk()).isFalse();
        assertThat(r.loadedRatio()).isNaN();
    }

    @Test
    void itemSize_shouldCountNamesStringsAndNumbersAsDynamoDbDoes() {
        assertThat(ItemShape.numberBytes("1299")).isEqualTo(3);
        assertThat(ItemShape.numberBytes("7")).isEqualTo(2);
        assertThat(ItemShape.numberBytes("-12.50")).isEqualTo(3); // digits 125
        assertThat(ItemShape.sizeBytes(Map.of("a", "xyz"), "n")).isEqualTo(4);
        assertThat(ItemShape.sizeBytes(Map.of("n", "1299"), "n")).isEqualTo(4);
        assertThat(ItemShape.sizeBytes(Map.of("é", "é"), "n")).as("UTF-8 bytes, not chars").isEqualTo(4);
        assertThatThrownBy(() -> ItemShape.numberBytes("1e5")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1e5");
        // the bench's item: about 200 bytes
        assertThat(ItemShape.preloadItemBytes()).isBetween(180, 220);
    }
}

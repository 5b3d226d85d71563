package dev.meridian.emulator.chaos;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectorTest {

    @Test
    void roll_shouldDrawTheSameDecisions_whenTheSeedIsTheSame() {
        // given
        ChaosSpec spec = ChaosSpec.parse("crash=0.1,crash-after-write=0.05,duplicate=0.1,throttle=0.05,slow-table=0.05", 7);
        FaultInjector a = new FaultInjector(spec);
        FaultInjector b = new FaultInjector(spec);
        FaultInjector other = new FaultInjector(ChaosSpec.parse(spec.toFlag(), 8));

        // when
        List<Boolean> first = draw(a);
        List<Boolean> second = draw(b);
        List<Boolean> third = draw(other);

        // then
        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
    }

    @Test
    void roll_shouldCountOpportunitiesAndFaults_nearTheConfiguredRate() {
        // given
        FaultInjector injector = new FaultInjector(ChaosSpec.parse("crash=0.1,duplicate=0.5", 42));

        // when
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            hits += injector.roll(Fault.CRASH) ? 1 : 0;
        }
        for (int i = 0; i < 1_000; i++) {
            injector.roll(Fault.DUPLICATE);
        }
        injector.roll(Fault.THROTTLE);

        // then
        assertThat(injector.opportunities(Fault.CRASH)).isEqualTo(10_000);
        assertThat(injector.injected(Fault.CRASH)).isEqualTo(hits).isBetween(850L, 1_150L);
        assertThat(injector.injected(Fault.DUPLICATE)).isBetween(430L, 570L);
        assertThat(injector.opportunities(Fault.THROTTLE)).as("a fault that is off draws nothing").isZero();
        assertThat(injector.injected(Fault.THROTTLE)).isZero();
        assertThat(injector.toJson().at("/faults/crash/injected").asLong()).isEqualTo(hits);
        assertThat(injector.summary()).startsWith("crash " + hits + " of 10000, duplicate ");
    }

    @Test
    void parse_shouldRejectUnknownFaultsAndBadProbabilities() {
        assertThatThrownBy(() -> ChaosSpec.parse("explode=0.1", 1)).hasMessageContaining("unknown fault 'explode'");
        assertThatThrownBy(() -> ChaosSpec.parse("crash=1.5", 1)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> ChaosSpec.parse("crash", 1)).hasMessageContaining("name=probability");
        assertThatThrownBy(() -> ChaosSpec.parse("", 1)).hasMessageContaining("--chaos needs");
        assertThat(ChaosSpec.parse("slow-table=0.5,slow-table-ms=20", 1).slowTableMillis()).isEqualTo(20);
        // an embedding program's name for a fault replaces the fault's own, for its delay too
        ChaosSpec renamed = ChaosSpec.parse("slow-ledger=0.5,slow-ledger-ms=20", 1, java.util.Map.of(Fault.SLOW_TABLE, "slow-ledger"));
        assertThat(renamed.rate(Fault.SLOW_TABLE)).isEqualTo(0.5);
        assertThat(renamed.slowTableMillis()).isEqualTo(20);
        assertThat(renamed.toFlag()).isEqualTo("slow-ledger=0.5,slow-ledger-ms=20");
        assertThatThrownBy(() -> ChaosSpec.parse("slow-table=0.5", 1, java.util.Map.of(Fault.SLOW_TABLE, "slow-ledger")))
                .hasMessageContaining("unknown fault 'slow-table'");
    }

    private static List<Boolean> draw(FaultInjector injector) {
        List<Boolean> out = new ArrayList<>();
        Fault[] faults = Fault.values();
        for (int i = 0; i < 500; i++) {
            out.add(injector.roll(faults[i % faults.length]));
        }
        return out;
    }
}

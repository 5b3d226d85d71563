package dev.meridian.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    @Test
    void parse_shouldUseQuickDefaults_whenNoOptions() {
        BenchMain.Options options = BenchMain.Options.parse(new String[0]);

        assertThat(options.json()).isFalse();
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.cold() && options.warmOn() && options.prime() && options.apache()).isTrue();
        assertThat(options.cds()).as("the AppCDS variant runs by default").isTrue();
        assertThat(BenchMain.Options.parse(new String[]{"--no-cds"}).cds()).isFalse();
    }

    @Test
    void parse_shouldReadFlagsAndValues() {
        BenchMain.Options options = BenchMain.Options.parse(
                new String[]{"--json", "--runs", "3", "--warm", "50", "--only", "Orders", "--cds", "--url-connection-only"});

        assertThat(options.json()).isTrue();
        assertThat(options.runs()).isEqualTo(3);
        assertThat(options.warm()).isEqualTo(50);
        assertThat(options.only()).isEqualTo("Orders");
        assertThat(options.cds()).isTrue();
        assertThat(options.apache()).isFalse();
    }

    @Test
    void parse_shouldReject_unknownOptionsMissingValuesAndZeroRuns() {
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[]{"--fast"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[]{"--runs"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[]{"--runs", "0"})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_shouldRunTheEngineSectionByDefault_withAMillionItems() {
        BenchMain.Options options = BenchMain.Options.parse(new String[0]);

        assertThat(options.engine()).isTrue();
        assertThat(options.engineOnly()).isFalse();
        assertThat(options.engineItems()).isEqualTo(1_000_000);
        assertThat(options.engineSeconds()).isEqualTo(10);
        assertThat(BenchMain.Options.parse(new String[]{"--no-engine"}).engine()).isFalse();
        assertThat(BenchMain.Options.parse(new String[]{"--only", "Orders"}).engine()).as("--only picks functions").isFalse();
    }

    @Test
    void parse_onlyEngine_shouldTurnEveryOtherSectionOff_andReadItsValues() {
        BenchMain.Options options = BenchMain.Options.parse(new String[]{"--only-engine", "--engine-items", "200000", "--engine-seconds", "5"});

        assertThat(options.engine() && options.engineOnly()).isTrue();
        assertThat(options.cold() || options.warmOn() || options.local()).isFalse();
        assertThat(options.engineItems()).isEqualTo(200_000);
        assertThat(options.engineSeconds()).isEqualTo(5);
    }

    @Test
    void parse_shouldReject_badEngineOptions() {
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[]{"--engine-items", "0"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[]{"--engine-seconds"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchMain.Options.parse(new String[]{"--only-engine", "--no-engine"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude");
    }
}

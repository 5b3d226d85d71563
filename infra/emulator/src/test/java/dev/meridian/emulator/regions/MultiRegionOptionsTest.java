package dev.meridian.emulator.regions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MultiRegionOptionsTest {

    @Test
    void options_shouldRefuseBadRegionListsPortsAndLags_namingTheProblem() {
        assertThatThrownBy(() -> new MultiRegionOptions(List.of("us-east-1"), 3000, null, null))
                .hasMessageContaining("at least two regions");
        assertThatThrownBy(() -> new MultiRegionOptions(List.of("us-east-1", "Europe"), 3000, null, null))
                .hasMessageContaining("'Europe' is not a region name");
        assertThatThrownBy(() -> new MultiRegionOptions(List.of("us-east-1", "us-east-1"), 3000, null, null))
                .hasMessageContaining("names a region twice");
        assertThatThrownBy(() -> new MultiRegionOptions(List.of("us-east-1", "eu-west-1"), 65_500, null, null))
                .hasMessageContaining("front door");
        assertThatThrownBy(() -> new MultiRegionOptions(List.of("us-east-1", "eu-west-1"), 3000, Duration.ofMillis(-1), null))
                .hasMessageContaining("lag must not be negative");
        assertThatThrownBy(() -> new MultiRegionOptions(List.of("us-east-1", "eu-west-1"), 3000, null, Duration.ofMillis(5)))
                .hasMessageContaining("jitter needs a lag");
    }

    @Test
    void options_shouldKeepTheOrderGiven_andDefaultToNoRegionParameters() {
        var options = new MultiRegionOptions(List.of("eu-west-1", "us-east-1", "ap-southeast-2"), 3000, Duration.ofMillis(200), Duration.ofMillis(100));
        assertThat(options.regions()).containsExactly("eu-west-1", "us-east-1", "ap-southeast-2");
        assertThat(options.regionParameters().apply("eu-west-1", options.regions())).isEmpty();
    }
}

package dev.meridian.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./meridian local --regions} and {@code ./meridian region}: bad command lines are refused, naming the problem, before anything starts. */
class LocalRegionsUsageTest {

    private static String errorOf(String... argv) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertThat(Main.run(argv)).as(String.join(" ", argv)).isEqualTo(2);
        } finally {
            System.setErr(previous);
        }
        return err.toString();
    }

    @Test
    void local_shouldRefuseRegionsCombinedWithSingleRegionOptions_orReplicationWithoutRegions() {
        assertThat(errorOf("local", "--port", "0", "--regions", "us-east-1,eu-west-1", "--chaos", "crash=0.1"))
                .contains("does not combine with --region, --data-dir or --chaos");
        assertThat(errorOf("local", "--port", "0", "--regions", "us-east-1,eu-west-1", "--region", "eu-west-1"))
                .contains("does not combine");
        assertThat(errorOf("local", "--port", "0", "--replication-lag-ms", "200")).contains("need --regions");
        assertThat(errorOf("local", "--port", "0", "--regions", "us-east-1")).contains("at least two regions");
        assertThat(errorOf("local", "--port", "0", "--regions", "us-east-1,Mars")).contains("'Mars' is not a region name");
        assertThat(errorOf("local", "--port", "0", "--regions", "us-east-1,eu-west-1", "--replication-jitter-ms", "50"))
                .contains("jitter needs a lag");
    }

    @Test
    void region_shouldRefuseAnUnknownActionOrAMissingRegion() {
        assertThat(errorOf("region", "explode", "us-east-1")).contains("unknown action 'explode'");
        assertThat(errorOf("region", "cut")).contains("cut needs a REGION");
        assertThat(errorOf("region", "cut", "us-east-1", "--for", "0")).contains("--for needs at least 1 second");
    }
}

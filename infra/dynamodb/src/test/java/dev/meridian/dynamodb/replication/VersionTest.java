package dev.meridian.dynamodb.replication;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Last-writer-wins order and the conflict rule, on versions alone. */
class VersionTest {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    private static final int US = 0, EU = 1, AP = 2;

    @Test
    void laterTimestampWinsAndEqualTimestampsGoToTheGreaterRegionName() {
        Version a = Version.next(100, US, false, null, 3);
        Version b = Version.next(101, AP, false, null, 3);
        assertThat(Version.compare(b, a, REGIONS)).isPositive();
        Version us = Version.next(200, US, false, null, 3);
        Version eu = Version.next(200, EU, false, null, 3);
        assertThat(Version.compare(us, eu, REGIONS)).isPositive(); // "us-east-1" > "eu-west-1"
        assertThat(Version.compare(eu, us, REGIONS)).isNegative();
        assertThat(Version.compare(Version.unknown(200, 3), eu, REGIONS)).isNegative();
    }

    @Test
    void aVersionTheWinnerDerivesFromIsNotAConflictButAConcurrentOneIs() {
        Version v1 = Version.next(100, US, false, null, 3);
        Version v2 = Version.next(150, EU, false, v1, 3); // written in eu on top of v1
        Version v3 = Version.next(160, EU, false, v2, 3);
        assertThat(Version.conflict(v1, v3)).isFalse(); // v3 derives from v1 through v2
        Version concurrent = Version.next(155, AP, false, v1, 3); // ap saw v1, not v2
        assertThat(Version.conflict(v2, concurrent)).isTrue();
        assertThat(Version.conflict(concurrent, v3)).isTrue();
        // the same region's older version is never a conflict; two deletes are not either
        assertThat(Version.conflict(v2, v3)).isFalse();
        Version delUs = Version.next(300, US, true, v3, 3);
        Version delAp = Version.next(301, AP, true, v3, 3);
        assertThat(Version.conflict(delUs, delAp)).isFalse();
        assertThat(Version.conflict(Version.unknown(50, 3), v1)).isFalse();
    }
}

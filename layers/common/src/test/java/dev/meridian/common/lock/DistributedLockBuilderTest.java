package dev.meridian.common.lock;

import dev.meridian.common.config.Environment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings fail at build time, not mid-request. No engine needed: nothing here calls DynamoDB. */
class DistributedLockBuilderTest {

    private static DynamoDbClient unused;

    @BeforeAll
    static void client() {
        unused = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void close() {
        unused.close();
    }

    private static DistributedLockBuilder valid() {
        return DistributedLock.builder().dynamoDb(unused).tableName("locks");
    }

    @Test
    void build_shouldUseTheDocumentedDefaults_whenOnlyClientAndTableAreGiven() {
        // given / when
        DistributedLock lock = valid().build();

        // then
        assertThat(lock.clockSkewAllowance()).isEqualTo(Duration.ofSeconds(1));
        assertThat(lock.owner()).startsWith("owner-");
        assertThat(lock.tableName()).isEqualTo("locks");
    }

    @Test
    void build_shouldFail_whenTheClientIsMissing() {
        assertThatThrownBy(() -> DistributedLock.builder().tableName("locks").build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void build_shouldFail_whenTheTableNameIsBlank() {
        assertThatThrownBy(() -> valid().tableName(" ").build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table");
    }

    @Test
    void build_shouldFail_whenTheOwnerIsBlank() {
        assertThatThrownBy(() -> valid().owner("").build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner");
    }

    @Test
    void build_shouldFail_whenTheRenewalPeriodIsMoreThanAThirdOfTheLease() {
        // given: a 10 s lease renewed every 4 s leaves no room for one failed renewal
        DistributedLockBuilder builder = valid().defaultLease(Duration.ofSeconds(10)).renewalPeriod(Duration.ofSeconds(4));

        // when / then
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewalPeriod");
        assertThat(valid().defaultLease(Duration.ofSeconds(9)).renewalPeriod(Duration.ofSeconds(3)).build()).isNotNull();
    }

    @Test
    void acquire_shouldFail_whenTheLeaseIsShorterThanThreeRenewalPeriods() {
        // given
        DistributedLock lock = valid().defaultLease(Duration.ofSeconds(30)).renewalPeriod(Duration.ofSeconds(5)).build();

        // when / then: refused before any call to DynamoDB
        assertThatThrownBy(() -> lock.tryAcquire("k", Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lock.acquire("k", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_shouldFail_whenTheSkewAllowanceIsNotShorterThanTheLease() {
        assertThatThrownBy(() -> valid().defaultLease(Duration.ofSeconds(2)).clockSkewAllowance(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkewAllowance");
        assertThatThrownBy(() -> valid().clockSkewAllowance(Duration.ofMillis(-1)).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_shouldFail_whenItemRetentionIsUnderAnHour() {
        assertThatThrownBy(() -> valid().itemRetention(Duration.ofMinutes(59)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemRetention");
    }

    @Test
    void build_shouldFail_whenTimingsAreNotPositive() {
        assertThatThrownBy(() -> valid().retryInterval(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid().acquireTimeout(Duration.ofSeconds(-1)).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> valid().defaultLease(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_shouldFail_whenARenewalSchedulerIsGivenWithoutAPeriod() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThatThrownBy(() -> valid().renewalScheduler(scheduler).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renewalPeriod");
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void environment_shouldTakeTheTableAndAnOwnerNamingTheLogStream_whenRunningInLambda() {
        // given
        Environment env = Environment.of(Map.of("LOCKS_TABLE", "meridian-locks", "AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/24/[$LATEST]abc"));

        // when
        DistributedLock lock = DistributedLock.builder().dynamoDb(unused).environment(env).build();

        // then
        assertThat(lock.tableName()).isEqualTo("meridian-locks");
        assertThat(lock.owner()).startsWith("2026/11/24/[$LATEST]abc/");
        assertThatThrownBy(() -> DistributedLock.builder().environment(Environment.of(Map.of()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void regionalKey_shouldJoinResourceAndRegion_whenBothAreGiven() {
        assertThat(DistributedLock.regionalKey("reservation-sweeper", "eu-west-1")).isEqualTo("reservation-sweeper#eu-west-1");
        assertThatThrownBy(() -> DistributedLock.regionalKey("reservation-sweeper", "")).isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.meridian.common.idempotency;

import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.MutableClock;
import dev.meridian.testkit.Tables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An attempt whose calls fail with an unknown outcome (the write happened but the answer was
 * lost, or the call never left) takes its own claim back, so that the client's retry runs at
 * once instead of answering 409 until the claim lapses — and never takes back another
 * attempt's claim. Faults come from an SDK interceptor on a client of the store's own.
 */
@ExtendWith(LocalEngines.class)
class IdempotencyUnknownOutcomeTest {

    /** Throws once per armed operation: before the request is sent, or after it succeeded. */
    static final class Faults implements ExecutionInterceptor {
        final Map<String, Boolean> before = new ConcurrentHashMap<>();
        final Map<String, Boolean> after = new ConcurrentHashMap<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (before.remove(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) != null) {
                throw SdkClientException.create("injected: connection lost before the request was sent");
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (after.remove(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) != null) {
                throw SdkClientException.create("injected: the write happened, its answer was lost");
            }
        }
    }

    private final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Faults faults = new Faults();
    private DynamoDbClient faulty;
    private IdempotencyStore store;
    private String table;

    @BeforeEach
    void setUp() {
        table = Tables.create(dynamoDb, LocalEngines.uniqueName("idempotency"), "id");
        faulty = DynamoDbClient.builder().endpointOverride(LocalEngines.engines().dynamoEngine().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(faults).retryStrategy(b -> b.maxAttempts(1)))
                .build();
        store = IdempotencyStore.builder().dynamoDb(faulty).tableName(table).clock(clock)
                .inProgressTimeout(Duration.ofSeconds(30)).recordTtl(Duration.ofHours(1)).build();
    }

    @AfterEach
    void tearDown() {
        faulty.close();
    }

    private String status(String key) {
        var item = dynamoDb.getItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(key))).consistentRead(true)).item();
        return item.isEmpty() ? "absent" : item.get("status").s();
    }

    @Test
    void retry_shouldRunAtOnce_whenTheClaimWasWrittenButItsAnswerLost() {
        // given: the claim's PutItem succeeds, then the call fails
        faults.after.put("PutItem", true);
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> store.execute("k", "p", () -> "r" + runs.incrementAndGet()))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("answer was lost");

        // then: the attempt took its claim back; the work never ran
        assertThat(status("k")).isEqualTo("absent");
        assertThat(runs).hasValue(0);

        // when: the client retries right away (no time passes)
        var retry = store.execute("k", "p", () -> "r" + runs.incrementAndGet());

        // then
        assertThat(retry).isEqualTo(new IdempotencyStore.Outcome("r1", false));
        assertThat(status("k")).isEqualTo("COMPLETED");
    }

    @Test
    void retry_shouldWaitForTheLapse_whenTheReleaseFailsToo() {
        // given (control: the check above would see a claim left behind): the answer of the claim is
        // lost and the connection is gone for the release as well
        faults.after.put("PutItem", true);
        faults.before.put("DeleteItem", true);
        assertThatThrownBy(() -> store.execute("k", "p", () -> "never")).isInstanceOf(SdkClientException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));

        // then: the claim stays, and a retry is refused until it lapses
        assertThat(status("k")).isEqualTo("IN_PROGRESS");
        assertThatThrownBy(() -> store.execute("k", "p", () -> "early")).isInstanceOf(IdempotencyInProgressException.class);
        clock.advance(Duration.ofSeconds(31));
        assertThat(store.execute("k", "p", () -> "late").response()).isEqualTo("late");
    }

    @Test
    void retry_shouldRunTheWorkAgain_whenItsResponseCouldNotBeStored() {
        // given: the work ran, then storing its response (UpdateItem) failed before it was sent
        faults.before.put("UpdateItem", true);
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> store.execute("k", "p", () -> "r" + runs.incrementAndGet())).isInstanceOf(SdkClientException.class);
        assertThat(runs).hasValue(1);
        assertThat(status("k")).isEqualTo("absent");

        // when: the client retries at once; the work is safe to run again by contract
        var retry = store.execute("k", "p", () -> "r" + runs.incrementAndGet());

        // then
        assertThat(retry).isEqualTo(new IdempotencyStore.Outcome("r2", false));
        assertThat(store.execute("k", "p", () -> "r" + runs.incrementAndGet()).response()).isEqualTo("r2");
    }

    @Test
    void release_shouldNeverTakeBackAnotherAttemptsClaim_whenBothCarryTheSamePayload() throws Exception {
        // given: attempt B holds the key and is working
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<IdempotencyStore.Outcome> b = pool.submit(() -> store.execute("k", "p", () -> {
                inside.countDown();
                try {
                    finish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "from-b";
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            // when: attempt A, same key and payload, loses its connection before its claim is sent,
            // and cleans up after itself
            faults.before.put("PutItem", true);
            assertThatThrownBy(() -> store.execute("k", "p", () -> "from-a")).isInstanceOf(SdkClientException.class);

            // then: B's claim is intact: a third attempt is still refused while B works
            assertThat(status("k")).isEqualTo("IN_PROGRESS");
            assertThatThrownBy(() -> store.execute("k", "p", () -> "from-c")).isInstanceOf(IdempotencyInProgressException.class);
            finish.countDown();
            assertThat(b.get(10, TimeUnit.SECONDS).response()).isEqualTo("from-b");
            assertThat(store.execute("k", "p", () -> "again").response()).isEqualTo("from-b");
        } finally {
            finish.countDown();
            pool.shutdownNow();
        }
    }
}

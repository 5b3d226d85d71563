package dev.meridian.common.idempotency;

import dev.meridian.testkit.MutableClock;
import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.Tables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LocalEngines.class)
class IdempotencyStoreTest {

    private final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private IdempotencyStore store;
    private String table;

    @BeforeEach
    void createTable() {
        table = Tables.create(dynamoDb, LocalEngines.uniqueName("idempotency"), "id");
        store = IdempotencyStore.builder().dynamoDb(dynamoDb).tableName(table).clock(clock)
                .inProgressTimeout(Duration.ofSeconds(30)).recordTtl(Duration.ofHours(1)).build();
    }

    @Test
    void execute_shouldReplayStoredResponse_whenSameKeyAndPayloadAgain() {
        AtomicInteger runs = new AtomicInteger();
        // when
        var first = store.execute("k1", "payload", () -> "response-" + runs.incrementAndGet());
        var second = store.execute("k1", "payload", () -> "response-" + runs.incrementAndGet());
        // then
        assertThat(first).isEqualTo(new IdempotencyStore.Outcome("response-1", false));
        assertThat(second).isEqualTo(new IdempotencyStore.Outcome("response-1", true));
        assertThat(runs).hasValue(1);
    }

    @Test
    void execute_shouldRefuseWithMismatch_whenSameKeyDifferentPayload() {
        store.execute("k1", "payload-a", () -> "a");
        assertThatThrownBy(() -> store.execute("k1", "payload-b", () -> "b"))
                .isInstanceOf(IdempotencyKeyMismatchException.class);
    }

    @Test
    void execute_shouldRefuseAsInProgress_whenAnotherAttemptHoldsTheKey() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<IdempotencyStore.Outcome> slow = pool.submit(() -> store.execute("k1", "p", () -> {
                inside.countDown();
                await(release);
                return "slow";
            }));
            inside.await();
            assertThatThrownBy(() -> store.execute("k1", "p", () -> "fast")).isInstanceOf(IdempotencyInProgressException.class);
            release.countDown();
            assertThat(slow.get().response()).isEqualTo("slow");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void execute_shouldRunAgain_whenTheFirstAttemptFailed() {
        // given
        assertThatThrownBy(() -> store.execute("k1", "p", () -> {
            throw new IllegalStateException("dependency down");
        })).hasMessage("dependency down");
        // when
        var retry = store.execute("k1", "p", () -> "ok");
        // then
        assertThat(retry).isEqualTo(new IdempotencyStore.Outcome("ok", false));
    }

    @Test
    void execute_shouldTakeOverAfterClaimLapses_whenTheFirstAttemptCrashedMidway() {
        // given: a claim left IN_PROGRESS by a process that died (simulated by writing it directly)
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
                "id", AttributeValue.fromS("k1"), "status", AttributeValue.fromS("IN_PROGRESS"),
                "payloadHash", AttributeValue.fromS(IdempotencyStore.sha256("p")),
                "claimUntil", AttributeValue.fromN(Long.toString(clock.millis() + 30_000)),
                "expiresAt", AttributeValue.fromN(Long.toString(clock.millis() / 1000 + 3600)))));
        assertThatThrownBy(() -> store.execute("k1", "p", () -> "early")).isInstanceOf(IdempotencyInProgressException.class);
        // when the claim lapses
        clock.advance(Duration.ofSeconds(31));
        var retry = store.execute("k1", "p", () -> "recovered");
        // then
        assertThat(retry).isEqualTo(new IdempotencyStore.Outcome("recovered", false));
        assertThat(store.execute("k1", "p", () -> "again").response()).isEqualTo("recovered");
    }

    @Test
    void execute_shouldRunAgain_whenTheRecordExpired() {
        store.execute("k1", "p", () -> "old");
        clock.advance(Duration.ofHours(2));
        assertThat(store.execute("k1", "p2", () -> "new")).isEqualTo(new IdempotencyStore.Outcome("new", false));
    }

    @Test
    void execute_shouldRunWorkExactlyOnce_whenManyThreadsRaceOnOneKey() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    try {
                        return store.execute("race", "p", () -> "r" + runs.incrementAndGet()).response();
                    } catch (IdempotencyInProgressException e) {
                        return "in-progress";
                    }
                }));
            }
            for (Future<String> r : results) {
                assertThat(r.get()).isIn("r1", "in-progress");
            }
            assertThat(runs).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void build_shouldFail_whenSettingsAreInvalid() {
        assertThatThrownBy(() -> IdempotencyStore.builder().dynamoDb(dynamoDb).build()).hasMessageContaining("table name");
        assertThatThrownBy(() -> IdempotencyStore.builder().dynamoDb(dynamoDb).tableName("t")
                .inProgressTimeout(Duration.ofMinutes(5)).recordTtl(Duration.ofMinutes(1)).build()).hasMessageContaining("recordTtl");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

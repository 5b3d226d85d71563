package dev.meridian.common.idempotency;

import dev.meridian.testkit.MutableClock;
import dev.meridian.common.config.Environment;
import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Regression (found by the chaos load run): the claim of a request that crashed mid-way blocked
 * every retry of its Idempotency-Key with 409 for a fixed 30 s, whatever the function's timeout.
 * It now lapses FUNCTION_TIMEOUT_SECONDS + 2 s after it was taken.
 */
@ExtendWith(LocalEngines.class)
class IdempotencyClaimLapseTest {

    private final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private IdempotencyStore store(Map<String, String> env) {
        String table = Tables.create(dynamoDb, LocalEngines.uniqueName("idempotency"), "id");
        return IdempotencyStore.builder().dynamoDb(dynamoDb).tableName(table).clock(clock)
                .inProgressTimeoutFrom(Environment.of(env)).build();
    }

    /** The process dies inside the work: no release, the claim stays IN_PROGRESS. */
    private static void crashMidway(IdempotencyStore store) {
        assertThatThrownBy(() -> store.execute("k", "p", () -> {
            throw new AssertionError("the function died");
        })).isInstanceOf(AssertionError.class);
    }

    @Test
    void claim_shouldLapseAfterTheFunctionTimeoutPlusMargin_whenTheFunctionTimeoutIsKnown() {
        // given: FunctionTimeout 2 s, a request crashed holding its claim
        IdempotencyStore store = store(Map.of("FUNCTION_TIMEOUT_SECONDS", "2"));
        crashMidway(store);

        // when / then: still protected while the function could be running, free right after
        clock.advance(Duration.ofSeconds(3));
        assertThatThrownBy(() -> store.execute("k", "p", () -> "early")).isInstanceOf(IdempotencyInProgressException.class);
        clock.advance(Duration.ofMillis(1_100));
        assertThat(store.execute("k", "p", () -> "retried").response()).isEqualTo("retried");
    }

    @Test
    void claim_shouldKeepTheDefault30Seconds_whenTheFunctionTimeoutIsUnknown() {
        // given (control): no FUNCTION_TIMEOUT_SECONDS
        IdempotencyStore store = store(Map.of());
        crashMidway(store);

        // when / then
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> store.execute("k", "p", () -> "early")).isInstanceOf(IdempotencyInProgressException.class);
        clock.advance(Duration.ofSeconds(26));
        assertThat(store.execute("k", "p", () -> "retried").response()).isEqualTo("retried");
    }

    @Test
    void inProgress_shouldSayWhenTheClaimLapses_soThatARetryWaitsInsteadOfPolling() {
        // given: FunctionTimeout 2 s → the claim lapses 4 s after it was taken
        IdempotencyStore store = store(Map.of("FUNCTION_TIMEOUT_SECONDS", "2"));
        crashMidway(store);

        // when / then: the wait left (the HTTP layer rounds it up to whole seconds)
        assertThat(retryAfter(store)).isEqualTo(Duration.ofSeconds(4));
        clock.advance(Duration.ofMillis(1_500));
        assertThat(retryAfter(store)).isEqualTo(Duration.ofMillis(2_500));
        clock.advance(Duration.ofMillis(2_400));
        assertThat(retryAfter(store)).isEqualTo(Duration.ofMillis(100));
        // and once it has passed, the retry runs
        clock.advance(Duration.ofMillis(200));
        assertThat(store.execute("k", "p", () -> "retried").response()).isEqualTo("retried");
    }

    private static Duration retryAfter(IdempotencyStore store) {
        try {
            store.execute("k", "p", () -> "early");
        } catch (IdempotencyInProgressException e) {
            return e.retryAfter();
        }
        throw new AssertionError("the claim was not in progress");
    }
}

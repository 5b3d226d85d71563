package dev.meridian.common.lock;

import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LocalEngines.class)
class DistributedLockTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration SKEW = Duration.ofSeconds(1);
    private static final String KEY = "reservation-sweeper#eu-west-1";

    private String table;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        table = LockTables.newLocksTable();
        // the real time: DynamoDB Local enforces TTL, and lock items carry one derived from this clock
        clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private DistributedLockBuilder lockBuilder(String owner, Clock ownerClock) {
        return DistributedLock.builder()
                .dynamoDb(LocalEngines.dynamoDb())
                .tableName(table)
                .owner(owner)
                .clock(ownerClock)
                .defaultLease(LEASE)
                .clockSkewAllowance(SKEW)
                .acquireTimeout(Duration.ofMillis(300))
                .retryInterval(Duration.ofMillis(20));
    }

    private DistributedLock lock(String owner, Clock ownerClock) {
        return lockBuilder(owner, ownerClock).build();
    }

    @Test
    void tryAcquire_shouldReturnLeaseWithOwnerTokenAndDeadline_whenKeyIsFree() {
        // given
        DistributedLock a = lock("a", clock);

        // when
        Optional<Lease> lease = a.tryAcquire(KEY, LEASE);

        // then
        assertThat(lease).isPresent();
        assertThat(lease.get().owner()).isEqualTo("a");
        assertThat(lease.get().key()).isEqualTo(KEY);
        assertThat(lease.get().expiresAt()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(lease.get().isValid()).isTrue();
        Map<String, AttributeValue> item = LockTables.lockItem(table, KEY);
        assertThat(item.get("owner").s()).isEqualTo("a");
        assertThat(Long.parseLong(item.get("token").n())).isEqualTo(lease.get().fencingToken());
        assertThat(Long.parseLong(item.get("leaseUntil").n())).isEqualTo(lease.get().expiresAt().toEpochMilli());
    }

    @Test
    void tryAcquire_shouldReturnEmptyWithoutWaiting_whenKeyIsHeld() {
        // given
        lock("a", clock).tryAcquire(KEY, LEASE).orElseThrow();
        DistributedLock b = lockBuilder("b", clock).acquireTimeout(Duration.ofSeconds(30)).build();

        // when
        long started = System.nanoTime();
        Optional<Lease> lease = b.tryAcquire(KEY, LEASE);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // then
        assertThat(lease).isEmpty();
        assertThat(tookMillis).as("one request, not the 30 s acquire timeout").isLessThan(5_000);
    }

    @Test
    void acquire_shouldThrowLockTimeout_whenKeyStaysHeldPastTheAcquireTimeout() {
        // given
        lock("a", clock).tryAcquire(KEY, LEASE).orElseThrow();
        DistributedLock b = lock("b", clock);

        // when / then
        long started = System.nanoTime();
        assertThatThrownBy(() -> b.acquire(KEY, LEASE))
                .isInstanceOf(LockTimeoutException.class)
                .hasMessageContaining(KEY);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void acquire_shouldSucceed_whenHolderReleasesWhileContenderWaits() throws Exception {
        // given
        Lease held = lock("a", clock).tryAcquire(KEY, LEASE).orElseThrow();
        DistributedLock b = lockBuilder("b", clock).acquireTimeout(Duration.ofSeconds(5)).build();

        // when
        CompletableFuture<Lease> waiting = CompletableFuture.supplyAsync(() -> b.acquire(KEY, LEASE));
        Thread.sleep(100);
        held.close();
        Lease next = waiting.get(5, TimeUnit.SECONDS);

        // then
        assertThat(next.owner()).isEqualTo("b");
        assertThat(next.fencingToken()).isGreaterThan(held.fencingToken());
    }

    @Test
    void acquire_shouldIssueStrictlyIncreasingTokens_whenKeyIsAcquiredAndReleasedRepeatedly() {
        // given
        DistributedLock a = lock("a", clock);
        DistributedLock b = lock("b", clock);
        long previous = Long.MIN_VALUE;

        for (int i = 0; i < 6; i++) {
            // when
            try (Lease lease = (i % 2 == 0 ? a : b).acquire(KEY, LEASE)) {
                // then
                assertThat(lease.fencingToken()).isGreaterThan(previous);
                previous = lease.fencingToken();
            }
        }
    }

    @Test
    void acquire_shouldIssueLargerToken_whenTtlDeletedTheLockItemAfterRetention() {
        // given: many acquires on the item, then the item expires and TTL deletes it
        DistributedLock a = lock("a", clock);
        long last = 0;
        for (int i = 0; i < 20; i++) {
            try (Lease lease = a.acquire(KEY, LEASE)) {
                last = lease.fencingToken();
            }
        }
        clock.advance(DistributedLock.MIN_ITEM_RETENTION);
        LocalEngines.dynamoDb().deleteItem(DeleteItemRequest.builder()
                .tableName(table).key(Map.of("lockKey", AttributeValue.fromS(KEY))).build());

        // when: another host whose clock runs behind by the whole skew allowance acquires
        Lease fresh = lock("b", clock.skewed(SKEW.negated())).acquire(KEY, LEASE);

        // then
        assertThat(fresh.fencingToken()).isGreaterThan(last);
    }

    @Test
    void acquire_shouldSetTtlWellAfterTheDeadline_whenAcquiredAndWhenReleased() {
        // given
        DistributedLock a = lockBuilder("a", clock).itemRetention(Duration.ofDays(2)).build();

        // when
        Lease lease = a.acquire(KEY, LEASE);
        long ttlWhileHeld = Long.parseLong(LockTables.lockItem(table, KEY).get("ttl").n());
        clock.advance(Duration.ofSeconds(5));
        lease.close();
        Map<String, AttributeValue> released = LockTables.lockItem(table, KEY);

        // then
        long deadlineSeconds = lease.expiresAt().getEpochSecond();
        assertThat(ttlWhileHeld).isGreaterThanOrEqualTo(deadlineSeconds + Duration.ofDays(2).toSeconds());
        assertThat(Long.parseLong(released.get("ttl").n())).isGreaterThanOrEqualTo(clock.instant().getEpochSecond() + Duration.ofDays(2).toSeconds());
        assertThat(released).doesNotContainKey("owner");
        assertThat(Long.parseLong(released.get("token").n())).isEqualTo(lease.fencingToken());
    }

    @Test
    void close_shouldReleaseTheKey_whenOwnerCloses() {
        // given
        DistributedLock a = lock("a", clock);
        DistributedLock b = lock("b", clock);
        Lease lease = a.acquire(KEY, LEASE);

        // when
        lease.close();

        // then
        assertThat(lease.isValid()).isFalse();
        assertThat(b.tryAcquire(KEY, LEASE)).isPresent();
    }

    @Test
    void release_shouldBeRefused_whenCallerIsNotTheOwner() {
        // given
        Lease held = lock("a", clock).acquire(KEY, LEASE);
        DistributedLock intruder = lock("intruder", clock);

        // when
        boolean released = intruder.release(KEY, held.fencingToken());

        // then
        assertThat(released).isFalse();
        assertThat(LockTables.lockItem(table, KEY).get("owner").s()).isEqualTo("a");
        assertThat(lock("c", clock).tryAcquire(KEY, LEASE)).isEmpty();
    }

    @Test
    void release_shouldBeRefused_whenOwnerPresentsAnOlderToken() {
        // given: the same owner id acquired twice (e.g. a shared id); only the current token releases
        DistributedLock a = lock("a", clock);
        Lease first = a.acquire(KEY, LEASE);
        first.close();
        Lease second = a.acquire(KEY, LEASE);

        // when
        boolean released = a.release(KEY, first.fencingToken());

        // then
        assertThat(released).isFalse();
        assertThat(second.isValid()).isTrue();
        assertThat(lock("c", clock).tryAcquire(KEY, LEASE)).isEmpty();
    }

    @Test
    void close_shouldNotReleaseTheSuccessor_whenLeaseWasTakenOverDuringAPause() {
        // given: a pauses past its lease and b takes the key over
        Lease stale = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(LEASE.plus(SKEW).plusMillis(1));
        Lease successor = lock("b", clock).acquire(KEY, LEASE);

        // when: a wakes up and leaves its try-with-resources block
        stale.close();

        // then
        assertThat(stale.isValid()).isFalse();
        assertThat(LockTables.lockItem(table, KEY).get("owner").s()).isEqualTo("b");
        assertThat(lock("c", clock).tryAcquire(KEY, LEASE)).isEmpty();
        assertThat(successor.isValid()).isTrue();
    }

    @Test
    void tryAcquire_shouldSucceedOnlyAfterLeasePlusSkew_whenHolderCrashedWithoutReleasing() {
        // given: a acquires and its process dies (the lease is never closed)
        Lease crashed = lock("a", clock).acquire(KEY, LEASE);
        DistributedLock b = lock("b", clock);

        // when / then: not before the deadline plus the skew allowance
        clock.advance(LEASE);
        assertThat(b.tryAcquire(KEY, LEASE)).isEmpty();
        clock.advance(SKEW);
        assertThat(b.tryAcquire(KEY, LEASE)).isEmpty();

        // when / then: right after it
        clock.advance(Duration.ofMillis(1));
        Optional<Lease> taken = b.tryAcquire(KEY, LEASE);
        assertThat(taken).isPresent();
        assertThat(taken.get().fencingToken()).isGreaterThan(crashed.fencingToken());
    }

    @Test
    void tryAcquire_shouldNotTakeAValidLease_whenContenderClockRunsAheadWithinTheSkewAllowance() {
        // given: a's lease is valid on a's clock for 1 more ms; b's clock runs ahead by just under the allowance
        Lease held = lock("a", clock).acquire(KEY, LEASE);
        DistributedLock b = lock("b", clock.skewed(SKEW.minusMillis(1)));
        clock.advance(LEASE.minusMillis(1));
        assertThat(held.isValid()).isTrue();

        // when
        Optional<Lease> taken = b.tryAcquire(KEY, LEASE);

        // then
        assertThat(taken).isEmpty();
    }

    @Test
    void isValid_shouldTurnFalseBeforeAnyContenderWithinTheAllowanceCanAcquire_whenClocksAreSkewed() {
        // given: b's clock runs ahead of a's by exactly the allowance
        Lease held = lock("a", clock).acquire(KEY, LEASE);
        DistributedLock b = lock("b", clock.skewed(SKEW));

        // when: time passes in 100 ms steps, from shortly before the deadline, until b can take the key
        clock.advance(LEASE.minus(SKEW));
        Optional<Lease> taken = Optional.empty();
        boolean heldValidWhenTaken = false;
        for (int step = 0; step < 50 && taken.isEmpty(); step++) {
            clock.advance(Duration.ofMillis(100));
            taken = b.tryAcquire(KEY, LEASE);
            heldValidWhenTaken = held.isValid();
        }

        // then: never two valid leases at once
        assertThat(taken).isPresent();
        assertThat(heldValidWhenTaken).isFalse();
    }

    @Test
    void renew_shouldExtendTheDeadline_whenLeaseIsStillHeld() {
        // given
        Lease lease = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(Duration.ofSeconds(8));

        // when
        lease.renew(LEASE);

        // then
        assertThat(lease.expiresAt()).isEqualTo(clock.instant().plus(LEASE));
        clock.advance(Duration.ofSeconds(5));
        assertThat(lease.isValid()).isTrue();
        assertThat(lock("b", clock).tryAcquire(KEY, LEASE)).isEmpty();
    }

    @Test
    void renew_shouldThrowStaleLease_whenAnotherHolderTookTheKeyOver() {
        // given
        Lease stale = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(LEASE.plus(SKEW).plusMillis(1));
        lock("b", clock).acquire(KEY, LEASE);

        // when / then
        assertThatThrownBy(() -> stale.renew(LEASE)).isInstanceOf(StaleLeaseException.class);
        assertThat(stale.isValid()).isFalse();
    }

    @Test
    void autoRenewal_shouldHoldTheKeyPastTheLeaseUntilClosed_whenRenewalPeriodIsSet() throws Exception {
        // given: real time, a 1.5 s lease renewed every 300 ms
        Duration shortLease = Duration.ofMillis(1_500);
        DistributedLock a = DistributedLock.builder().dynamoDb(LocalEngines.dynamoDb()).tableName(table).owner("a")
                .defaultLease(shortLease).clockSkewAllowance(Duration.ofMillis(200))
                .renewalPeriod(Duration.ofMillis(300)).build();
        DistributedLock b = DistributedLock.builder().dynamoDb(LocalEngines.dynamoDb()).tableName(table).owner("b")
                .defaultLease(shortLease).clockSkewAllowance(Duration.ofMillis(200)).build();
        Lease lease = a.acquire(KEY);
        Instant firstDeadline = lease.expiresAt();

        // when
        Thread.sleep(3_500);

        // then: still held, by a, after more than two leases, with a later deadline
        assertThat(lease.isValid()).isTrue();
        assertThat(lease.expiresAt()).isAfter(firstDeadline);
        assertThat(b.tryAcquire(KEY)).isEmpty();
        assertThat(lease.renewing()).isTrue();

        // when
        lease.close();

        // then
        assertThat(lease.renewing()).isFalse();
        assertThat(b.tryAcquire(KEY)).isPresent();
    }

    @Test
    void autoRenewal_shouldCancelItsTaskOnTheCallersScheduler_whenLeaseCloses() {
        // given
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            DistributedLock a = lockBuilder("a", clock).renewalPeriod(Duration.ofSeconds(1)).renewalScheduler(scheduler).build();
            Lease lease = a.acquire(KEY, LEASE);
            assertThat(lease.renewing()).isTrue();

            // when
            lease.close();

            // then: the task is gone, the caller's scheduler is left running
            assertThat(lease.renewing()).isFalse();
            assertThat(scheduler.isShutdown()).isFalse();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void attempt_shouldRecogniseItsOwnWrite_whenTheSdkRetriesAnAcquireWhoseFirstTryLanded() {
        // given: the first try of an acquire landed, but its response was lost
        DistributedLock a = lock("a", clock);
        Lease first = a.attempt(KEY, LEASE, "attempt-1").orElseThrow();

        // when: the SDK sends the same request again
        Optional<Lease> retried = a.attempt(KEY, LEASE, "attempt-1");

        // then: the key is ours under the token the first try issued; another attempt id is refused
        assertThat(retried).isPresent();
        assertThat(retried.get().fencingToken()).isEqualTo(first.fencingToken());
        assertThat(a.attempt(KEY, LEASE, "attempt-2")).isEmpty();
        assertThat(lock("b", clock).attempt(KEY, LEASE, "attempt-1")).isEmpty();
    }

    @Test
    void release_shouldReportReleased_whenARetriedReleaseFindsTheKeyFreeUnderItsOwnToken() {
        // given
        DistributedLock a = lock("a", clock);
        Lease lease = a.acquire(KEY, LEASE);
        assertThat(a.release(KEY, lease.fencingToken())).isTrue();

        // when: the same release again (as an SDK retry would send it)
        boolean again = a.release(KEY, lease.fencingToken());

        // then
        assertThat(again).isTrue();
        assertThat(LockTables.lockItem(table, KEY)).doesNotContainKeys("owner", "acquireId", "leaseUntil");
    }
}

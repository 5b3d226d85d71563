package dev.meridian.common.lock;

import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A holder that pauses past its lease must not overwrite the work of the next holder. The
 * pause is simulated by moving a shared test clock: nothing sleeps.
 */
@ExtendWith(LocalEngines.class)
class DistributedLockFencingTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration SKEW = Duration.ofSeconds(1);
    private static final Duration PAUSE_PAST_LEASE = LEASE.plus(SKEW).plusMillis(1);
    private static final String KEY = "reservation-sweeper#eu-west-1";
    private static final String DOC = "allocation#sku-1#eu-west-1";

    private final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    private String locksTable;
    private String dataTable;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        locksTable = LockTables.newLocksTable();
        dataTable = LockTables.newDataTable();
        // the real time: DynamoDB Local enforces TTL, and lock items carry one derived from this clock
        clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private DistributedLock lock(String owner, Clock ownerClock) {
        return DistributedLock.builder().dynamoDb(dynamoDb).tableName(locksTable).owner(owner).clock(ownerClock)
                .defaultLease(LEASE).clockSkewAllowance(SKEW).acquireTimeout(Duration.ZERO).build();
    }

    private Put putDoc(String value) {
        return Put.builder().tableName(dataTable)
                .item(Map.of("id", AttributeValue.fromS(DOC), "value", AttributeValue.fromS(value)))
                .build();
    }

    private PutItemRequest putDocRequest(String value) {
        return PutItemRequest.builder().tableName(dataTable)
                .item(Map.of("id", AttributeValue.fromS(DOC), "value", AttributeValue.fromS(value)))
                .build();
    }

    /** One fenced write of the document: the put and the lease's lock check in one transaction. */
    private static void write(FencedWrites writes, Put put) {
        writes.transactWrite(List.of(TransactWriteItem.builder().put(put).build()));
    }

    private Map<String, AttributeValue> doc() {
        return LockTables.get(dataTable, "id", DOC);
    }

    @Test
    void transactWrite_shouldRejectTheStaleHoldersWrite_whenItPausedPastItsLeaseAndTheNextHolderWrote() {
        // given: a holds the key and writes
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        write(aWrites, putDoc("a-1"));

        // when: a pauses past its lease; b acquires and writes; a wakes and writes
        clock.advance(PAUSE_PAST_LEASE);
        Lease b = lock("b", clock).acquire(KEY, LEASE);
        write(FencedWrites.of(dynamoDb, b), putDoc("b-1"));
        StaleLeaseException refused = catchThrowableOfType(() -> write(aWrites, putDoc("a-2")), StaleLeaseException.class);

        // then: a is refused and b's work stands
        assertThat(refused).isNotNull();
        assertThat(refused.fencingToken()).isEqualTo(a.fencingToken());
        assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
        assertThat(doc().get("value").s()).isEqualTo("b-1");
    }

    @Test
    void putItem_shouldOverwriteTheNextHoldersWork_whenTheSameScenarioRunsWithoutFencing() {
        // given: the negative control — the same scenario with plain writes
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        dynamoDb.putItem(putDocRequest("a-1"));

        // when
        clock.advance(PAUSE_PAST_LEASE);
        lock("b", clock).acquire(KEY, LEASE);
        dynamoDb.putItem(putDocRequest("b-1"));
        dynamoDb.putItem(putDocRequest("a-2"));

        // then: the stale holder destroyed b's work — the check above catches exactly this
        assertThat(a.isValid()).isFalse();
        assertThat(doc().get("value").s()).isEqualTo("a-2");
    }

    @Test
    void transactWrite_shouldRejectTheStaleHoldersWrite_whenTheNextHolderAcquiredButHasNotWrittenYet() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        write(aWrites, putDoc("a-1"));
        clock.advance(PAUSE_PAST_LEASE);
        lock("b", clock).acquire(KEY, LEASE);

        // when / then: the lock check refuses a before b touched the item
        assertThatThrownBy(() -> write(aWrites, putDoc("a-2"))).isInstanceOf(StaleLeaseException.class);
        assertThat(doc().get("value").s()).isEqualTo("a-1");
    }

    @Test
    void transactWrite_shouldSucceed_whenTheLeaseExpiredButNobodyElseAcquired() {
        // given: the lease ran out, but no other holder exists (owner and token unchanged)
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(PAUSE_PAST_LEASE);

        // when
        write(FencedWrites.of(dynamoDb, a), putDoc("a-late"));

        // then: still ordered before any next holder's writes, so it is safe to accept
        assertThat(doc().get("value").s()).isEqualTo("a-late");
    }

    @Test
    void transactWrite_shouldBeRejected_whenTheLeaseWasReleased() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        a.close();

        // when / then
        assertThatThrownBy(() -> write(aWrites, putDoc("after-close"))).isInstanceOf(StaleLeaseException.class);
        assertThat(doc()).isEmpty();
    }

    @Test
    void transactWrite_shouldRejectTheStaleHolder_whenAContenderClockRunsAheadBeyondTheAllowance() {
        // given: b's clock runs 5 s ahead (allowance 1 s), so b takes the key while a still believes it holds it
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(Duration.ofSeconds(7));
        Lease b = lock("b", clock.skewed(Duration.ofSeconds(5))).acquire(KEY, LEASE);
        assertThat(a.isValid()).as("timing alone is broken beyond the allowance").isTrue();

        // when
        write(FencedWrites.of(dynamoDb, b), putDoc("b-1"));
        Throwable stale = catchThrowableOfType(() -> write(FencedWrites.of(dynamoDb, a), putDoc("a-1")), StaleLeaseException.class);

        // then: the fence still protects the data
        assertThat(stale).isNotNull();
        assertThat(doc().get("value").s()).isEqualTo("b-1");
    }

    @Test
    void transactWrite_shouldPassTheCallersOwnConditionFailureThrough_withTheItemsIndexes_whenTheLeaseIsCurrent() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites writes = FencedWrites.of(dynamoDb, a);
        write(writes, putDoc("a-1"));
        Put onlyIfAbsent = putDoc("a-2").toBuilder()
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", "id")).build();

        // when: not mistaken for a stale lease
        TransactionCanceledException cancelled = catchThrowableOfType(() -> write(writes, onlyIfAbsent), TransactionCanceledException.class);

        // then: the caller's item is still item 0; the lock check (last) passed
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.cancellationReasons().get(0).code()).isEqualTo("ConditionalCheckFailed");
        assertThat(cancelled.cancellationReasons().get(1).code()).isEqualTo("None");
        assertThat(doc().get("value").s()).isEqualTo("a-1");
    }

    @Test
    void transactWrite_shouldRefuseAnEmptyOrOversizedTransaction_beforeWriting() {
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites writes = FencedWrites.of(dynamoDb, a);
        assertThatThrownBy(() -> writes.transactWrite(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 99 items");
        List<TransactWriteItem> tooMany = java.util.Collections.nCopies(100, TransactWriteItem.builder().put(putDoc("x")).build());
        assertThatThrownBy(() -> writes.transactWrite(tooMany)).isInstanceOf(IllegalArgumentException.class);
        assertThat(doc()).isEmpty();
    }
}

package dev.meridian.common.lock;

import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    private Map<String, AttributeValue> doc() {
        return LockTables.get(dataTable, "id", DOC);
    }

    @Test
    void putItem_shouldRejectTheStaleHoldersWrite_whenItPausedPastItsLeaseAndTheNextHolderWrote() {
        // given: a holds the key and writes
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        aWrites.putItem(putDoc("a-1"));

        // when: a pauses past its lease; b acquires and writes; a wakes and writes
        clock.advance(PAUSE_PAST_LEASE);
        Lease b = lock("b", clock).acquire(KEY, LEASE);
        FencedWrites.of(dynamoDb, b).putItem(putDoc("b-1"));
        StaleLeaseException refused = catchThrowableOfType(() -> aWrites.putItem(putDoc("a-2")), StaleLeaseException.class);

        // then: a is refused and b's work stands
        assertThat(refused).isNotNull();
        assertThat(refused.fencingToken()).isEqualTo(a.fencingToken());
        assertThat(b.fencingToken()).isGreaterThan(a.fencingToken());
        assertThat(doc().get("value").s()).isEqualTo("b-1");
        assertThat(doc().get("fence").n()).isEqualTo(Long.toString(b.fencingToken()));
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
    void putItem_shouldRejectTheStaleHoldersWrite_whenTheNextHolderAcquiredButHasNotWrittenYet() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        aWrites.putItem(putDoc("a-1"));
        clock.advance(PAUSE_PAST_LEASE);
        lock("b", clock).acquire(KEY, LEASE);

        // when / then: the lock check refuses a, although the item still carries a's fence
        assertThatThrownBy(() -> aWrites.putItem(putDoc("a-2"))).isInstanceOf(StaleLeaseException.class);
        assertThat(doc().get("value").s()).isEqualTo("a-1");
    }

    @Test
    void putItem_shouldSucceed_whenTheLeaseExpiredButNobodyElseAcquired() {
        // given: the lease ran out, but no other holder exists (owner and token unchanged)
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(PAUSE_PAST_LEASE);

        // when
        FencedWrites.of(dynamoDb, a).putItem(putDoc("a-late"));

        // then: still ordered before any next holder's writes, so it is safe to accept
        assertThat(doc().get("value").s()).isEqualTo("a-late");
    }

    @Test
    void putItem_shouldBeRejected_whenTheLeaseWasReleased() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        a.close();

        // when / then
        assertThatThrownBy(() -> aWrites.putItem(putDoc("after-close"))).isInstanceOf(StaleLeaseException.class);
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
        FencedWrites.of(dynamoDb, b).transactWrite(TransactWriteItem.builder().put(putDoc("b-1")).build());
        Throwable stale = catchThrowableOfType(
                () -> FencedWrites.of(dynamoDb, a).transactWrite(TransactWriteItem.builder().put(putDoc("a-1")).build()),
                StaleLeaseException.class);

        // then: the fence still protects the data
        assertThat(stale).isNotNull();
        assertThat(doc().get("value").s()).isEqualTo("b-1");
    }

    @Test
    void transactWrite_shouldPassTheCallersOwnConditionFailureThrough_whenTheLeaseIsCurrent() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites writes = FencedWrites.of(dynamoDb, a);
        writes.putItem(putDoc("a-1"));
        Put onlyIfAbsent = putDoc("a-2").toBuilder()
                .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", "id")).build();

        // when / then: not mistaken for a stale lease
        assertThatThrownBy(() -> writes.putItem(onlyIfAbsent))
                .isInstanceOf(TransactionCanceledException.class)
                .isNotInstanceOf(StaleLeaseException.class);
        assertThat(doc().get("value").s()).isEqualTo("a-1");
    }

    @Test
    void updateItem_shouldApplyTheCallersUpdateAndStampTheFence_whenTheLeaseIsCurrent() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites writes = FencedWrites.of(dynamoDb, a);
        Update update = Update.builder().tableName(dataTable).key(Map.of("id", AttributeValue.fromS(DOC)))
                .updateExpression("SET #v = :v ADD #n :one")
                .expressionAttributeNames(Map.of("#v", "value", "#n", "count"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a-1"), ":one", AttributeValue.fromN("1")))
                .build();

        // when
        writes.updateItem(update);
        writes.updateItem(update);

        // then
        assertThat(doc().get("value").s()).isEqualTo("a-1");
        assertThat(doc().get("count").n()).isEqualTo("2");
        assertThat(doc().get("fence").n()).isEqualTo(Long.toString(a.fencingToken()));
    }

    @Test
    void deleteItem_shouldBeRejected_whenANewerHolderWroteTheItem() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(PAUSE_PAST_LEASE);
        Lease b = lock("b", clock).acquire(KEY, LEASE);
        FencedWrites.of(dynamoDb, b).putItem(putDoc("b-1"));

        // when / then
        Delete delete = Delete.builder().tableName(dataTable).key(Map.of("id", AttributeValue.fromS(DOC))).build();
        assertThatThrownBy(() -> FencedWrites.of(dynamoDb, a).deleteItem(delete)).isInstanceOf(StaleLeaseException.class);
        assertThat(doc().get("value").s()).isEqualTo("b-1");
    }

    @Test
    void fence_shouldRejectAStaleSingleItemWrite_whenANewerHolderWroteThatItem() {
        // given: item fence only, as one plain conditional PutItem
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        dynamoDb.putItem(aWrites.fence(putDocRequest("a-1")));
        clock.advance(PAUSE_PAST_LEASE);
        Lease b = lock("b", clock).acquire(KEY, LEASE);
        dynamoDb.putItem(FencedWrites.of(dynamoDb, b).fence(putDocRequest("b-1")));

        // when
        ConditionalCheckFailedException refused = catchThrowableOfType(
                () -> dynamoDb.putItem(aWrites.fence(putDocRequest("a-2"))), ConditionalCheckFailedException.class);

        // then
        assertThat(refused).isNotNull();
        assertThat(aWrites.writtenByNewerHolder(refused.item())).isTrue();
        assertThat(doc().get("value").s()).isEqualTo("b-1");
    }

    @Test
    void fence_shouldNotProtectAnItemTheNewerHolderHasNotWritten_whenUsedWithoutTheLockCheck() {
        // given: the documented limit of the item fence alone
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        clock.advance(PAUSE_PAST_LEASE);
        lock("b", clock).acquire(KEY, LEASE);

        // when: the stale holder writes an item b has not touched yet
        dynamoDb.putItem(FencedWrites.of(dynamoDb, a).fence(putDocRequest("a-stale")));

        // then: accepted — only the lock check (transactWrite/putItem/updateItem/deleteItem) refuses this
        assertThat(doc().get("value").s()).isEqualTo("a-stale");
    }

    @Test
    void fence_shouldMergeWithTheCallersConditionAndSetClause_whenBuildingAnUpdate() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(dataTable).key(Map.of("id", AttributeValue.fromS(DOC)))
                .updateExpression("ADD #n :one SET #v = :v")
                .conditionExpression("attribute_not_exists(#v) OR #v <> :v")
                .expressionAttributeNames(Map.of("#v", "value", "#n", "count"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x"), ":one", AttributeValue.fromN("1")))
                .build();

        // when
        UpdateItemRequest fenced = FencedWrites.of(dynamoDb, a).fence(request);

        // then
        assertThat(fenced.updateExpression()).isEqualTo("ADD #n :one SET #meridianFence = :meridianFenceToken, #v = :v");
        assertThat(fenced.conditionExpression()).isEqualTo("(attribute_not_exists(#v) OR #v <> :v) AND (" + FencedWrites.CONDITION_FENCE + ")");
        assertThat(fenced.expressionAttributeNames()).containsEntry("#meridianFence", "fence").containsEntry("#v", "value");
        dynamoDb.updateItem(fenced);
        assertThat(doc().get("fence").n()).isEqualTo(Long.toString(a.fencingToken()));
    }

    @Test
    void withFenceSet_shouldAddASetClause_whenTheExpressionHasNone() {
        // given / when / then
        assertThat(FencedWrites.withFenceSet("ADD #n :one", "#f = :t")).isEqualTo("ADD #n :one SET #f = :t");
        assertThat(FencedWrites.withFenceSet(null, "#f = :t")).isEqualTo("SET #f = :t");
        assertThat(FencedWrites.withFenceSet("REMOVE #set", "#f = :t")).isEqualTo("REMOVE #set SET #f = :t");
        assertThat(FencedWrites.withFenceSet("set #a = :set", "#f = :t")).isEqualTo("set #f = :t, #a = :set");
    }

    @Test
    void putItem_shouldLockCheckAPlainPutItemRequest_whenTheCallerAlreadyBuiltOne() {
        // given
        Lease a = lock("a", clock).acquire(KEY, LEASE);
        FencedWrites aWrites = FencedWrites.of(dynamoDb, a);
        aWrites.putItem(putDocRequest("a-1"));
        clock.advance(PAUSE_PAST_LEASE);
        lock("b", clock).acquire(KEY, LEASE);

        // when / then
        assertThatThrownBy(() -> aWrites.putItem(putDocRequest("a-2"))).isInstanceOf(StaleLeaseException.class);
        assertThatThrownBy(() -> aWrites.updateItem(UpdateItemRequest.builder().tableName(dataTable)
                .key(Map.of("id", AttributeValue.fromS(DOC))).updateExpression("SET #v = :v")
                .expressionAttributeNames(Map.of("#v", "value")).expressionAttributeValues(Map.of(":v", AttributeValue.fromS("a-3")))
                .build())).isInstanceOf(StaleLeaseException.class);
        assertThat(doc().get("value").s()).isEqualTo("a-1");
    }
}

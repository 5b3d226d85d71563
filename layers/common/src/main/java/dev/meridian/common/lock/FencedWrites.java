package dev.meridian.common.lock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.meridian.common.lock.LockTableSchema.LOCK_KEY;
import static dev.meridian.common.lock.LockTableSchema.OWNER;
import static dev.meridian.common.lock.LockTableSchema.TOKEN;

/**
 * Makes a DynamoDB transaction conditional on a {@link Lease}, so that a holder that paused
 * past its lease cannot overwrite the work of the next holder.
 *
 * <p>The fence is a <b>lock check</b> ({@link #lockCheck()}): a {@code ConditionCheck} on the
 * lock item, "{@code owner} and {@code token} are still mine", in the same
 * {@code TransactWriteItems} as the writes. Every later acquire changes the token, so a
 * transaction with the check commits only while no newer holder exists: all writes of holder
 * n are ordered before all writes of holder n+1, on every item, including read-modify-write
 * cycles.
 */
public final class FencedWrites {

    static final String LOCK_OWNER_NAME = "#meridianLockOwner";
    static final String LOCK_TOKEN_NAME = "#meridianLockToken";
    static final String LOCK_OWNER_VALUE = ":meridianLockOwner";
    static final String LOCK_TOKEN_VALUE = ":meridianLockToken";

    // rendered: the lock item still names this owner and this acquire's token
    static final String CONDITION_LOCK_HELD = LOCK_OWNER_NAME + " = " + LOCK_OWNER_VALUE + " AND " + LOCK_TOKEN_NAME + " = " + LOCK_TOKEN_VALUE;

    /** DynamoDB takes at most 100 items per transaction; the lock check is one of them. */
    static final int MAX_ITEMS = 99;

    private final DynamoDbClient dynamoDb;
    private final Lease lease;

    private FencedWrites(DynamoDbClient dynamoDb, Lease lease) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.lease = Objects.requireNonNull(lease, "lease");
    }

    public static FencedWrites of(DynamoDbClient dynamoDb, Lease lease) {
        return new FencedWrites(dynamoDb, lease);
    }

    public Lease lease() {
        return lease;
    }

    /** A {@code ConditionCheck} on the lock item: owner and token unchanged. */
    public TransactWriteItem lockCheck() {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(lease.tableName())
                .key(Map.of(LOCK_KEY, AttributeValue.fromS(lease.key())))
                .conditionExpression(CONDITION_LOCK_HELD)
                .expressionAttributeNames(Map.of(LOCK_OWNER_NAME, OWNER, LOCK_TOKEN_NAME, TOKEN))
                .expressionAttributeValues(Map.of(
                        LOCK_OWNER_VALUE, AttributeValue.fromS(lease.owner()),
                        LOCK_TOKEN_VALUE, DistributedLock.number(lease.fencingToken())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /**
     * Runs {@code items} and the {@link #lockCheck()} as one {@code TransactWriteItems}. The check
     * goes last, so the caller's items keep their indexes in a cancellation's reasons.
     *
     * @throws StaleLeaseException        the lock check refused: a newer holder has the key, or
     *                                    the lease was released; nothing was written
     * @throws TransactionCanceledException any other cancellation (the caller's own conditions), unchanged
     */
    public void transactWrite(List<TransactWriteItem> items) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a fenced transaction takes 1 to " + MAX_ITEMS + " items, got " + items.size());
        }
        List<TransactWriteItem> all = new ArrayList<>(items);
        all.add(lockCheck());
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(all).build());
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, items.size())) {
                throw new StaleLeaseException(lease.key(), lease.fencingToken(), "lease on '" + lease.key() + "' (token "
                        + lease.fencingToken() + ") is stale: a newer holder has the key or it was released; nothing written");
            }
            throw e;
        }
    }

    public void transactWrite(TransactWriteItem... items) {
        transactWrite(List.of(items));
    }

    private static boolean conditionFailed(TransactionCanceledException e, int index) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        List<CancellationReason> reasons = e.cancellationReasons();
        return index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }
}

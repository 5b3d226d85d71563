package dev.meridian.common.lock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.meridian.common.lock.LockTableSchema.LOCK_KEY;
import static dev.meridian.common.lock.LockTableSchema.OWNER;
import static dev.meridian.common.lock.LockTableSchema.TOKEN;

/**
 * Makes DynamoDB writes conditional on a {@link Lease}'s fencing token, so that a holder
 * that paused past its lease cannot overwrite the work of the next holder.
 *
 * <p>Two fences, used together by the executing methods:
 * <ol>
 *   <li><b>Lock check</b> ({@link #lockCheck()}): a {@code ConditionCheck} on the lock item,
 *   "{@code owner} and {@code token} are still mine", in the same {@code TransactWriteItems}
 *   as the writes. Every later acquire changes the token, so a transaction with the check
 *   commits only while no newer holder exists: all writes of holder n are ordered before
 *   all writes of holder n+1, on every item, including read-modify-write cycles.</li>
 *   <li><b>Item fence</b> ({@link #fence(Put)} and friends): the protected item stores the
 *   token of its last writer in {@code fence}, and a write is conditional on
 *   "no fence, or fence ≤ my token". Alone (a plain single-item conditional write, half the
 *   cost of a transaction) it only guarantees that an item once written by holder n+1 is
 *   never again written by holder n; a stale holder may still write an item the new holder
 *   has not touched yet. Use it alone only for blind writes whose content does not depend
 *   on an earlier read.</li>
 * </ol>
 *
 * <p>Executing methods ({@link #transactWrite}, {@link #putItem}, {@link #updateItem},
 * {@link #deleteItem}) throw {@link StaleLeaseException} when a fence refuses the write, and
 * pass any other failure (including the caller's own conditions) through unchanged.
 * All items one lock protects must be fenced by that lock's key only: tokens of different
 * keys are not comparable.
 */
public final class FencedWrites {

    /** The attribute of a protected item that holds the token of its last fenced writer. */
    public static final String DEFAULT_FENCE_ATTRIBUTE = "fence";

    static final String FENCE_NAME = "#meridianFence";
    static final String FENCE_VALUE = ":meridianFenceToken";
    static final String LOCK_OWNER_NAME = "#meridianLockOwner";
    static final String LOCK_TOKEN_NAME = "#meridianLockToken";
    static final String LOCK_OWNER_VALUE = ":meridianLockOwner";
    static final String LOCK_TOKEN_VALUE = ":meridianLockToken";

    // rendered: the lock item still names this owner and this acquire's token
    static final String CONDITION_LOCK_HELD = LOCK_OWNER_NAME + " = " + LOCK_OWNER_VALUE + " AND " + LOCK_TOKEN_NAME + " = " + LOCK_TOKEN_VALUE;
    // rendered: no holder with a larger token has written this item
    static final String CONDITION_FENCE = "attribute_not_exists(" + FENCE_NAME + ") OR " + FENCE_NAME + " <= " + FENCE_VALUE;

    private static final Pattern SET_CLAUSE = Pattern.compile("(?i)(?<![#:.\\w])SET(?!\\w)");

    private final DynamoDbClient dynamoDb;
    private final Lease lease;
    private final String fenceAttribute;

    private FencedWrites(DynamoDbClient dynamoDb, Lease lease, String fenceAttribute) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (fenceAttribute == null || fenceAttribute.isBlank()) {
            throw new IllegalArgumentException("fence attribute name is required");
        }
        this.fenceAttribute = fenceAttribute;
    }

    /** Fences with the {@value #DEFAULT_FENCE_ATTRIBUTE} attribute on protected items. */
    public static FencedWrites of(DynamoDbClient dynamoDb, Lease lease) {
        return new FencedWrites(dynamoDb, lease, DEFAULT_FENCE_ATTRIBUTE);
    }

    /** The same fences with another attribute name on protected items. */
    public FencedWrites withFenceAttribute(String attribute) {
        return new FencedWrites(dynamoDb, lease, attribute);
    }

    public Lease lease() {
        return lease;
    }

    // ----------------------------------------------------------------- building blocks

    /** A {@code ConditionCheck} on the lock item: owner and token unchanged. Put it in the transaction. */
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

    /** Stores the token in the item's fence attribute, conditional on the fence. */
    public Put fence(Put put) {
        return put.toBuilder()
                .item(withFence(put.item()))
                .conditionExpression(and(put.conditionExpression()))
                .expressionAttributeNames(names(put.expressionAttributeNames()))
                .expressionAttributeValues(values(put.expressionAttributeValues()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Sets the fence attribute to the token, conditional on the fence. */
    public Update fence(Update update) {
        return update.toBuilder()
                .updateExpression(withFenceSet(update.updateExpression()))
                .conditionExpression(and(update.conditionExpression()))
                .expressionAttributeNames(names(update.expressionAttributeNames()))
                .expressionAttributeValues(values(update.expressionAttributeValues()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Deletes only if no newer holder has written the item. */
    public Delete fence(Delete delete) {
        return delete.toBuilder()
                .conditionExpression(and(delete.conditionExpression()))
                .expressionAttributeNames(names(delete.expressionAttributeNames()))
                .expressionAttributeValues(values(delete.expressionAttributeValues()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Item fence only, for a single conditional {@code PutItem} (see the class comment for its limits). */
    public PutItemRequest fence(PutItemRequest put) {
        return put.toBuilder()
                .item(withFence(put.item()))
                .conditionExpression(and(put.conditionExpression()))
                .expressionAttributeNames(names(put.expressionAttributeNames()))
                .expressionAttributeValues(values(put.expressionAttributeValues()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Item fence only, for a single conditional {@code UpdateItem}. */
    public UpdateItemRequest fence(UpdateItemRequest update) {
        return update.toBuilder()
                .updateExpression(withFenceSet(update.updateExpression()))
                .conditionExpression(and(update.conditionExpression()))
                .expressionAttributeNames(names(update.expressionAttributeNames()))
                .expressionAttributeValues(values(update.expressionAttributeValues()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** Item fence only, for a single conditional {@code DeleteItem}. */
    public DeleteItemRequest fence(DeleteItemRequest delete) {
        return delete.toBuilder()
                .conditionExpression(and(delete.conditionExpression()))
                .expressionAttributeNames(names(delete.expressionAttributeNames()))
                .expressionAttributeValues(values(delete.expressionAttributeValues()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /**
     * Whether an item returned by a failed conditional write (ALL_OLD) carries a newer
     * holder's fence, i.e. the write failed because this lease is stale.
     */
    public boolean writtenByNewerHolder(Map<String, AttributeValue> oldItem) {
        if (oldItem == null) {
            return false;
        }
        AttributeValue fence = oldItem.get(fenceAttribute);
        return fence != null && fence.n() != null && Long.parseLong(fence.n()) > lease.fencingToken();
    }

    // ----------------------------------------------------------------- executing

    /**
     * Runs the items as one {@code TransactWriteItems} with the {@link #lockCheck()} first and
     * every Put, Update and Delete item-fenced. At most 99 items (DynamoDB's limit is 100).
     *
     * @throws StaleLeaseException when the lock check or an item fence refuses the write
     */
    public void transactWrite(List<TransactWriteItem> items) {
        if (items.isEmpty() || items.size() > 99) {
            throw new IllegalArgumentException("a fenced transaction takes 1 to 99 items, got " + items.size());
        }
        List<TransactWriteItem> all = new ArrayList<>(items.size() + 1);
        all.add(lockCheck());
        for (TransactWriteItem item : items) {
            all.add(fence(item));
        }
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(all).build());
        } catch (TransactionCanceledException e) {
            if (cancelledByFence(e)) {
                throw new StaleLeaseException(lease.key(), lease.fencingToken(),
                        "lease on '" + lease.key() + "' (token " + lease.fencingToken() + ") is stale: a newer holder has the key; nothing written");
            }
            throw e;
        }
    }

    public void transactWrite(TransactWriteItem... items) {
        transactWrite(List.of(items));
    }

    /** One fenced Put, lock-checked in a transaction. */
    public void putItem(Put put) {
        transactWrite(TransactWriteItem.builder().put(put).build());
    }

    /** One fenced Update, lock-checked in a transaction. */
    public void updateItem(Update update) {
        transactWrite(TransactWriteItem.builder().update(update).build());
    }

    /** One fenced Delete, lock-checked in a transaction. */
    public void deleteItem(Delete delete) {
        transactWrite(TransactWriteItem.builder().delete(delete).build());
    }

    /** The same as {@link #putItem(Put)}, for callers that already build a {@code PutItemRequest}. */
    public void putItem(PutItemRequest put) {
        if (put.hasExpected()) {
            throw new IllegalArgumentException("legacy Expected is not supported; use a condition expression");
        }
        putItem(Put.builder().tableName(put.tableName()).item(put.item())
                .conditionExpression(put.conditionExpression())
                .expressionAttributeNames(put.expressionAttributeNames())
                .expressionAttributeValues(put.expressionAttributeValues())
                .build());
    }

    /** The same as {@link #updateItem(Update)}, for callers that already build an {@code UpdateItemRequest}. */
    public void updateItem(UpdateItemRequest update) {
        if (update.hasExpected() || update.hasAttributeUpdates()) {
            throw new IllegalArgumentException("legacy Expected/AttributeUpdates are not supported; use expressions");
        }
        updateItem(Update.builder().tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression())
                .conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues())
                .build());
    }

    /** The same as {@link #deleteItem(Delete)}, for callers that already build a {@code DeleteItemRequest}. */
    public void deleteItem(DeleteItemRequest delete) {
        if (delete.hasExpected()) {
            throw new IllegalArgumentException("legacy Expected is not supported; use a condition expression");
        }
        deleteItem(Delete.builder().tableName(delete.tableName()).key(delete.key())
                .conditionExpression(delete.conditionExpression())
                .expressionAttributeNames(delete.expressionAttributeNames())
                .expressionAttributeValues(delete.expressionAttributeValues())
                .build());
    }

    // ----------------------------------------------------------------- internals

    private TransactWriteItem fence(TransactWriteItem item) {
        if (item.put() != null) {
            return TransactWriteItem.builder().put(fence(item.put())).build();
        }
        if (item.update() != null) {
            return TransactWriteItem.builder().update(fence(item.update())).build();
        }
        if (item.delete() != null) {
            return TransactWriteItem.builder().delete(fence(item.delete())).build();
        }
        return item; // the caller's own ConditionCheck
    }

    private boolean cancelledByFence(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        List<CancellationReason> reasons = e.cancellationReasons();
        if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
            return true; // the lock check: the key has a newer holder, or was released
        }
        for (int i = 1; i < reasons.size(); i++) {
            CancellationReason reason = reasons.get(i);
            if ("ConditionalCheckFailed".equals(reason.code()) && writtenByNewerHolder(reason.item())) {
                return true;
            }
        }
        return false;
    }

    private Map<String, AttributeValue> withFence(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> fenced = new HashMap<>(item);
        AttributeValue previous = fenced.put(fenceAttribute, DistributedLock.number(lease.fencingToken()));
        if (previous != null && !previous.equals(fenced.get(fenceAttribute))) {
            throw new IllegalArgumentException("item already sets the fence attribute '" + fenceAttribute + "'");
        }
        return fenced;
    }

    static String withFenceSet(String updateExpression, String assignment) {
        if (updateExpression == null || updateExpression.isBlank()) {
            return "SET " + assignment;
        }
        Matcher set = SET_CLAUSE.matcher(updateExpression);
        if (set.find()) {
            return updateExpression.substring(0, set.end()) + " " + assignment + "," + updateExpression.substring(set.end());
        }
        return updateExpression + " SET " + assignment;
    }

    private String withFenceSet(String updateExpression) {
        return withFenceSet(updateExpression, FENCE_NAME + " = " + FENCE_VALUE);
    }

    private static String and(String condition) {
        if (condition == null || condition.isBlank()) {
            return CONDITION_FENCE;
        }
        return "(" + condition + ") AND (" + CONDITION_FENCE + ")";
    }

    private Map<String, String> names(Map<String, String> callers) {
        Map<String, String> merged = new HashMap<>(callers);
        putUnique(merged, FENCE_NAME, fenceAttribute);
        return merged;
    }

    private Map<String, AttributeValue> values(Map<String, AttributeValue> callers) {
        Map<String, AttributeValue> merged = new HashMap<>(callers);
        putUnique(merged, FENCE_VALUE, DistributedLock.number(lease.fencingToken()));
        return merged;
    }

    private static <V> void putUnique(Map<String, V> map, String placeholder, V value) {
        V previous = map.put(placeholder, value);
        if (previous != null && !previous.equals(value)) {
            throw new IllegalArgumentException("placeholder " + placeholder + " is reserved for the fence");
        }
    }
}

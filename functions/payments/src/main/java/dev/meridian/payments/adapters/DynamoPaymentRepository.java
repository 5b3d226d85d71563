package dev.meridian.payments.adapters;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.payments.app.PaymentRepository;
import dev.meridian.payments.domain.Money;
import dev.meridian.payments.domain.Payment;
import dev.meridian.payments.domain.PaymentStatus;
import dev.meridian.payments.domain.PaymentToken;
import dev.meridian.payments.domain.Transition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The payments table (hash key {@code orderId}): one item per order with {@code status},
 * {@code amount}, {@code currency}, {@code paymentToken} (only while a charge may still be
 * made; removed by the move that decides it), {@code chargeId}, {@code refundId},
 * {@code cancelledFrom}, {@code version}, {@code createdAt}, {@code updatedAt}.
 *
 * <p>Every write is conditional; a lost condition comes back (ALL_OLD) as the payment
 * that won, which the use cases act on. A transition that emits an event writes the
 * event to the outbox in the same transaction.
 */
public final class DynamoPaymentRepository implements PaymentRepository {

    // attribute_not_exists(orderId): the order has no payment item yet
    static final String CONDITION_NO_PAYMENT = "attribute_not_exists(#orderId)";

    // status = :expected: the payment is still in the status the transition starts from
    static final String CONDITION_STATUS_IS = "#status = :expected";

    // status = :to, version = version + 1, updatedAt = :now (plus the facts the move records)
    static final String UPDATE_TRANSITION = "SET #status = :to, #version = #version + :one, #updatedAt = :now";

    private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
    static final String PAYMENT_TOKEN = "paymentToken";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Outbox outbox;

    public DynamoPaymentRepository(DynamoDbClient dynamoDb, String tableName, Outbox outbox) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = requireName(tableName, "payments table name");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
    }

    @Override
    public Optional<Payment> find(String orderId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public PutResult putIfAbsent(Payment payment) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(toItem(payment))
                    .conditionExpression(CONDITION_NO_PAYMENT)
                    .expressionAttributeNames(Map.of("#orderId", "orderId"))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return new PutResult(true, payment);
        } catch (ConditionalCheckFailedException e) {
            return new PutResult(false, existing(payment.orderId(), e.item()));
        }
    }

    @Override
    public TransitionResult apply(Transition transition, DomainEvent event) {
        Update update = update(transition);
        if (event == null) {
            return applyAlone(transition, update);
        }
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder()
                    .transactItems(TransactWriteItem.builder().update(update).build(), outbox.put(event))
                    .build());
            return TransitionResult.ok();
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && CONDITIONAL_CHECK_FAILED.equals(reasons.get(0).code())) {
                return TransitionResult.conflict(existing(transition.orderId(), reasons.get(0).item()));
            }
            throw new PaymentStoreException("transaction " + describe(transition) + " with event " + event.detailType()
                    + " " + event.eventId() + " cancelled, reasons " + codes(reasons), e);
        }
    }

    private TransitionResult applyAlone(Transition transition, Update update) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(update.tableName())
                    .key(update.key())
                    .updateExpression(update.updateExpression())
                    .conditionExpression(update.conditionExpression())
                    .expressionAttributeNames(update.expressionAttributeNames())
                    .expressionAttributeValues(update.expressionAttributeValues())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return TransitionResult.ok();
        } catch (ConditionalCheckFailedException e) {
            return TransitionResult.conflict(existing(transition.orderId(), e.item()));
        }
    }

    private Update update(Transition t) {
        StringBuilder expression = new StringBuilder(UPDATE_TRANSITION);
        Map<String, String> names = new HashMap<>(Map.of(
                "#status", "status", "#version", "version", "#updatedAt", "updatedAt"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":expected", AttributeValue.fromS(t.from().name()),
                ":to", AttributeValue.fromS(t.to().name()),
                ":one", AttributeValue.fromN("1"),
                ":now", AttributeValue.fromS(t.at().toString())));
        if (t.chargeId() != null) {
            expression.append(", #chargeId = :chargeId");
            names.put("#chargeId", "chargeId");
            values.put(":chargeId", AttributeValue.fromS(t.chargeId()));
        }
        if (t.refundId() != null) {
            expression.append(", #refundId = :refundId");
            names.put("#refundId", "refundId");
            values.put(":refundId", AttributeValue.fromS(t.refundId()));
        }
        if (t.to() == PaymentStatus.CANCELLED) {
            expression.append(", #cancelledFrom = :expected");
            names.put("#cancelledFrom", "cancelledFrom");
        }
        if (t.money() != null) {
            expression.append(", #amount = :amount, #currency = :currency");
            names.put("#amount", "amount");
            names.put("#currency", "currency");
            values.put(":amount", AttributeValue.fromN(Long.toString(t.money().amount())));
            values.put(":currency", AttributeValue.fromS(t.money().currency()));
        }
        if (t.token() != null) {
            expression.append(", #paymentToken = :paymentToken");
            names.put("#paymentToken", PAYMENT_TOKEN);
            values.put(":paymentToken", AttributeValue.fromS(t.token().reveal()));
        } else if (t.dropsToken()) {
            expression.append(" REMOVE #paymentToken");
            names.put("#paymentToken", PAYMENT_TOKEN);
        }
        return Update.builder()
                .tableName(tableName)
                .key(Map.of("orderId", AttributeValue.fromS(t.orderId())))
                .updateExpression(expression.toString())
                .conditionExpression(CONDITION_STATUS_IS)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    /** The item a lost condition returned (ALL_OLD), or a fresh read when the engine did not return it. */
    private Payment existing(String orderId, Map<String, AttributeValue> oldItem) {
        if (oldItem != null && !oldItem.isEmpty()) {
            return fromItem(oldItem);
        }
        return find(orderId).orElseThrow(() -> new IllegalStateException(
                "a condition on the payment of order " + orderId + " failed, yet the order has no payment item"));
    }

    static Map<String, AttributeValue> toItem(Payment p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", AttributeValue.fromS(p.orderId()));
        item.put("status", AttributeValue.fromS(p.status().name()));
        if (p.money() != null) {
            item.put("amount", AttributeValue.fromN(Long.toString(p.money().amount())));
            item.put("currency", AttributeValue.fromS(p.money().currency()));
        }
        if (p.token() != null) {
            item.put(PAYMENT_TOKEN, AttributeValue.fromS(p.token().reveal()));
        }
        if (p.chargeId() != null) {
            item.put("chargeId", AttributeValue.fromS(p.chargeId()));
        }
        if (p.refundId() != null) {
            item.put("refundId", AttributeValue.fromS(p.refundId()));
        }
        if (p.cancelledFrom() != null) {
            item.put("cancelledFrom", AttributeValue.fromS(p.cancelledFrom().name()));
        }
        item.put("version", AttributeValue.fromN(Long.toString(p.version())));
        item.put("createdAt", AttributeValue.fromS(p.createdAt().toString()));
        item.put("updatedAt", AttributeValue.fromS(p.updatedAt().toString()));
        return item;
    }

    static Payment fromItem(Map<String, AttributeValue> item) {
        String orderId = s(item, "orderId");
        try {
            String amount = n(item, "amount");
            Money money = amount == null ? null : new Money(Long.parseLong(amount), s(item, "currency"));
            String cancelledFrom = s(item, "cancelledFrom");
            String token = s(item, PAYMENT_TOKEN);
            return new Payment(orderId, PaymentStatus.valueOf(s(item, "status")), money,
                    token == null ? null : PaymentToken.of(token), s(item, "chargeId"),
                    s(item, "refundId"), cancelledFrom == null ? null : PaymentStatus.valueOf(cancelledFrom),
                    Long.parseLong(n(item, "version")), Instant.parse(s(item, "createdAt")),
                    Instant.parse(s(item, "updatedAt")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("payment item of order " + orderId + " is not readable: " + e.getMessage(), e);
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static String n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.n();
    }

    private static String describe(Transition t) {
        return "order " + t.orderId() + " " + t.from() + " -> " + t.to();
    }

    private static List<String> codes(List<CancellationReason> reasons) {
        return reasons.stream().map(r -> r.code() == null ? "None" : r.code()).toList();
    }

    static String requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        return name;
    }
}

package dev.meridian.payments.adapters;

import dev.meridian.payments.app.GatewayTimeoutException;
import dev.meridian.payments.app.PaymentGateway;
import dev.meridian.payments.app.RefundRejectedException;
import dev.meridian.payments.domain.ChargeResult;
import dev.meridian.payments.domain.PaymentToken;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A SANDBOX card processor: behaves like a real processor's test mode, moves no money,
 * and keeps its own ledger in DynamoDB (table {@code SANDBOX_LEDGER_TABLE}; read it with
 * {@link SandboxLedger}). It is the only gateway Meridian ships; a real processor is
 * another implementation of {@link PaymentGateway}.
 *
 * <p>Test tokens:
 * <ul>
 *   <li>{@code tok_ok} approves;</li>
 *   <li>{@code tok_declined} declines ({@code card_declined}); the declined attempt is recorded;</li>
 *   <li>{@code tok_timeout} records an approved charge, then throws {@link GatewayTimeoutException}
 *       as if the answer were lost: the retry finds that charge and returns it;</li>
 *   <li>any other token declines ({@code unknown_test_token}) and is recorded like a decline: the
 *       sandbox accepts test tokens only.</li>
 * </ul>
 *
 * <p>Idempotency key = order id: the first charge of an order is a conditional put; every later
 * charge of the same order returns the first one's result (approved or declined), whatever
 * token it carries, and counts the request in the entry's {@code requests}. Refunds likewise:
 * one per order. Tokens are never stored or logged.
 */
public final class SandboxPaymentGateway implements PaymentGateway {

    public static final String TOKEN_APPROVE = "tok_ok";
    public static final String TOKEN_DECLINE = "tok_declined";
    public static final String TOKEN_TIMEOUT = "tok_timeout";
    public static final String DECLINE_CARD = "card_declined";
    public static final String DECLINE_UNKNOWN_TOKEN = "unknown_test_token";

    // attribute_not_exists(pk): this order has no entry of this kind yet (first charge / first refund)
    static final String CONDITION_FIRST_ENTRY = "attribute_not_exists(#pk)";

    // requests = requests + 1: a repeated call answered from the ledger
    static final String UPDATE_COUNT_REQUEST = "SET #requests = #requests + :one";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;

    public SandboxPaymentGateway(DynamoDbClient dynamoDb, String ledgerTable, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = DynamoPaymentRepository.requireName(ledgerTable, "sandbox ledger table name");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ChargeResult charge(String orderId, long amount, String currency, PaymentToken token) {
        String value = token.reveal();
        boolean approve = TOKEN_APPROVE.equals(value) || TOKEN_TIMEOUT.equals(value);
        String reason = approve ? null : TOKEN_DECLINE.equals(value) ? DECLINE_CARD : DECLINE_UNKNOWN_TOKEN;
        String chargeId = approve ? "ch_sandbox_" + UUID.randomUUID() : null;

        Map<String, AttributeValue> item = entry(orderId, SandboxLedger.SK_CHARGE,
                approve ? LedgerEntry.APPROVED : LedgerEntry.DECLINED, chargeId, chargeId, amount, currency);
        if (reason != null) {
            item.put("reason", AttributeValue.fromS(reason));
        }
        Map<String, AttributeValue> first = putFirst(item);
        if (first != null) {
            // a repeated charge of this order: answer with the first one, charge nothing
            LedgerEntry existing = SandboxLedger.fromItem(first);
            requireSameTerms(existing, amount, currency);
            countRequest(orderId, SandboxLedger.SK_CHARGE);
            return existing.isApprovedCharge()
                    ? ChargeResult.approved(existing.id())
                    : ChargeResult.declined(existing.reason());
        }
        if (TOKEN_TIMEOUT.equals(value)) {
            throw new GatewayTimeoutException("sandbox processor: charge of order " + orderId
                    + " taken, but the answer was lost (test token for timeouts); repeat the charge to learn its outcome");
        }
        return approve ? ChargeResult.approved(chargeId) : ChargeResult.declined(reason);
    }

    @Override
    public String refund(String orderId, String chargeId, long amount) {
        Map<String, AttributeValue> chargeItem = dynamoDb.getItem(GetItemRequest.builder()
                .tableName(tableName)
                .key(key(orderId, SandboxLedger.SK_CHARGE))
                .consistentRead(true)
                .build()).item();
        if (chargeItem == null || chargeItem.isEmpty()) {
            throw new RefundRejectedException("sandbox processor: order " + orderId + " has no charge to refund");
        }
        LedgerEntry charge = SandboxLedger.fromItem(chargeItem);
        if (!charge.isApprovedCharge() || !charge.id().equals(chargeId)) {
            throw new RefundRejectedException("sandbox processor: order " + orderId + " has no approved charge "
                    + chargeId + " (ledger: " + charge.outcome() + " " + charge.id() + ")");
        }
        if (amount <= 0 || amount > charge.amount()) {
            throw new RefundRejectedException("sandbox processor: refund of " + amount + " for order " + orderId
                    + " is outside the charged " + charge.amount());
        }
        String refundId = "re_sandbox_" + UUID.randomUUID();
        Map<String, AttributeValue> first = putFirst(entry(orderId, SandboxLedger.SK_REFUND, LedgerEntry.REFUNDED,
                refundId, chargeId, amount, charge.currency()));
        if (first != null) {
            LedgerEntry existing = SandboxLedger.fromItem(first);
            requireSameTerms(existing, amount, charge.currency());
            countRequest(orderId, SandboxLedger.SK_REFUND);
            return existing.id();
        }
        return refundId;
    }

    /** Writes the entry if the order has none of its kind; returns the existing entry otherwise (null when written). */
    private Map<String, AttributeValue> putFirst(Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(item)
                    .conditionExpression(CONDITION_FIRST_ENTRY)
                    .expressionAttributeNames(Map.of("#pk", "pk"))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return null;
        } catch (ConditionalCheckFailedException e) {
            if (e.item() != null && !e.item().isEmpty()) {
                return e.item();
            }
            Map<String, AttributeValue> existing = dynamoDb.getItem(GetItemRequest.builder()
                    .tableName(tableName).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).consistentRead(true)
                    .build()).item();
            if (existing == null || existing.isEmpty()) {
                throw new IllegalStateException("sandbox ledger: " + item.get("pk").s() + " " + item.get("sk").s()
                        + " exists per the condition but cannot be read", e);
            }
            return existing;
        }
    }

    private void countRequest(String orderId, String sk) {
        dynamoDb.updateItem(UpdateItemRequest.builder()
                .tableName(tableName)
                .key(key(orderId, sk))
                .updateExpression(UPDATE_COUNT_REQUEST)
                .expressionAttributeNames(Map.of("#requests", "requests"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .build());
    }

    /** A processor refuses an idempotency key reused with different terms. */
    private static void requireSameTerms(LedgerEntry existing, long amount, String currency) {
        if (existing.amount() != amount || !Objects.equals(existing.currency(), currency)) {
            throw new IllegalStateException("sandbox processor: order " + existing.orderId() + " already has a "
                    + existing.kind() + " of " + existing.amount() + " " + existing.currency()
                    + "; a repeat with " + amount + " " + currency + " is refused");
        }
    }

    private Map<String, AttributeValue> entry(String orderId, String sk, String outcome, String id, String chargeId,
                                              long amount, String currency) {
        Map<String, AttributeValue> item = new HashMap<>(key(orderId, sk));
        item.put("outcome", AttributeValue.fromS(outcome));
        if (id != null) {
            item.put("id", AttributeValue.fromS(id));
        }
        if (chargeId != null) {
            item.put("chargeId", AttributeValue.fromS(chargeId));
        }
        item.put("amount", AttributeValue.fromN(Long.toString(amount)));
        item.put("currency", AttributeValue.fromS(currency));
        item.put("requests", AttributeValue.fromN("1"));
        item.put("createdAt", AttributeValue.fromS(clock.instant().toString()));
        return item;
    }

    private static Map<String, AttributeValue> key(String orderId, String sk) {
        return Map.of("pk", AttributeValue.fromS(SandboxLedger.ORDER_PREFIX + orderId), "sk", AttributeValue.fromS(sk));
    }
}

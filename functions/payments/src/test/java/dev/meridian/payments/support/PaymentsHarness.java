package dev.meridian.payments.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.payments.adapters.DynamoPaymentRepository;
import dev.meridian.payments.adapters.SandboxLedger;
import dev.meridian.payments.adapters.SandboxPaymentGateway;
import dev.meridian.payments.app.PaymentGateway;
import dev.meridian.payments.domain.Payment;
import dev.meridian.payments.handlers.PaymentEventsHandler;
import dev.meridian.testkit.EventContracts;
import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Payments wired to DynamoDB Local: its own payments, ledger and outbox tables, the real
 * repository and sandbox gateway, and the handler under test.
 */
public final class PaymentsHarness {

    public static final String REGION = "us-east-1";
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);

    public final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    public final String paymentsTable = LocalEngines.uniqueName("payments");
    public final String ledgerTable = LocalEngines.uniqueName("payments-ledger");
    public final String outboxTable = LocalEngines.uniqueName("payments-outbox");
    public final DynamoPaymentRepository repository;
    public final SandboxPaymentGateway gateway;
    public final SandboxLedger ledger;

    public PaymentsHarness() {
        TemplateTables.create(dynamoDb, "PaymentsTable", paymentsTable);
        TemplateTables.create(dynamoDb, "SandboxLedgerTable", ledgerTable);
        TemplateTables.create(dynamoDb, "OutboxTable", outboxTable);
        repository = new DynamoPaymentRepository(dynamoDb, paymentsTable, new Outbox(outboxTable));
        gateway = new SandboxPaymentGateway(dynamoDb, ledgerTable, CLOCK);
        ledger = new SandboxLedger(dynamoDb, ledgerTable);
    }

    public PaymentEventsHandler handler() {
        return handler(g -> g);
    }

    /** A handler whose gateway is {@code wrap}(the sandbox gateway): to inject crashes and races. */
    public PaymentEventsHandler handler(UnaryOperator<PaymentGateway> wrap) {
        return new PaymentEventsHandler(repository, wrap.apply(gateway), CLOCK, REGION);
    }

    /** Runs {@code handler} on an SQS event carrying {@code bodies}; returns the ids of failed messages. */
    public static List<String> deliver(PaymentEventsHandler handler, String... bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(TestEvents.sqsEvent(bodies).getBytes(StandardCharsets.UTF_8)), out, null);
        JsonNode response = Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
        List<String> failed = new ArrayList<>();
        response.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        return failed;
    }

    public List<String> deliver(String... bodies) {
        return deliver(handler(), bodies);
    }

    /** Delivers the order's PaymentRequested (the first half of a charge); it must be accepted. */
    public void requested(String orderId, String token) {
        List<String> failed = deliver(TestEvents.paymentRequested(orderId, token));
        if (!failed.isEmpty()) {
            throw new AssertionError("PaymentRequested for " + orderId + " was not accepted");
        }
    }

    /** The payment item as stored. */
    public Map<String, AttributeValue> storedItem(String orderId) {
        return dynamoDb.getItem(b -> b.tableName(paymentsTable).key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)).item();
    }

    public Payment payment(String orderId) {
        return repository.find(orderId).orElseThrow(() -> new AssertionError("no payment for " + orderId));
    }

    /** The outbox items of one order, as {@code detailType} + parsed detail; each is held to its event schema. */
    public List<OutboxItem> outbox(String orderId) {
        List<OutboxItem> out = new ArrayList<>();
        dynamoDb.scanPaginator(b -> b.tableName(outboxTable).consistentRead(true)).items().forEach(item -> {
            EventContracts.load().assertOutboxItemConforms(item);
            JsonNode detail = Json.parseTrusted(item.get("detail").s());
            if (orderId.equals(detail.path("data").path("orderId").asText())) {
                out.add(new OutboxItem(item.get("detailType").s(), item.get("source").s(), detail, item));
            }
        });
        return out;
    }

    public List<String> outboxTypes(String orderId) {
        return outbox(orderId).stream().map(OutboxItem::detailType).sorted().toList();
    }

    public record OutboxItem(String detailType, String source, JsonNode detail, Map<String, AttributeValue> item) {
        public JsonNode data() {
            return detail.get("data");
        }
    }
}

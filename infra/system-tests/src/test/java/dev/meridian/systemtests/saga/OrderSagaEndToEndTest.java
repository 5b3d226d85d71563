package dev.meridian.systemtests.saga;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.testing.Await;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order saga end to end on the repository's template.yaml, run by the local runtime:
 * HTTP gateway with JWTs → functions → the DynamoDB engine (outbox stream) → EventBridge rules
 * matched by event-ruler → ElasticMQ queues → consumers. Each test asserts the end state
 * and the invariants of DESIGN.md: stock conserved and never negative, one charge per
 * confirmed order, refunds for cancelled charges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSagaEndToEndTest {

    private SagaStack saga;

    @BeforeAll
    void start() {
        saga = SagaStack.start(900);
    }

    @AfterAll
    void stop() {
        saga.close();
    }

    @Test
    void order_shouldConfirmAndChargeOnce_whenStockAndCardAreGood() {
        // given
        String sku = saga.product(1250, 10);
        LocalApi alice = saga.customer("alice");
        // when
        String orderId = saga.place(alice, sku, 3, "tok_ok");
        JsonNode order = saga.awaitTerminal(alice, orderId);
        // then
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(order.get("total").asLong()).isEqualTo(3750);
        JsonNode stock = saga.awaitSettledStock(sku);
        saga.awaitOrder(alice, orderId, "payment captured", o -> o.at("/payment/status").asText().equals("CAPTURED"));
        assertThat(stock.get("available").asLong()).isEqualTo(7);
        assertThat(stock.get("sold").asLong()).isEqualTo(3);
        SagaStack.assertConserved(stock);
        assertThat(saga.ledger().approvedCharges(orderId)).isEqualTo(1);
        assertThat(saga.ledger().refunds(orderId)).isZero();
    }

    @Test
    void order_shouldCancelOutOfStockWithoutCharge_whenStockIsShort() {
        String sku = saga.product(500, 2);
        LocalApi bob = saga.customer("bob");
        String orderId = saga.place(bob, sku, 3, "tok_ok");
        JsonNode order = saga.awaitTerminal(bob, orderId);
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancellationReason").asText()).isEqualTo("OUT_OF_STOCK");
        JsonNode stock = saga.awaitSettledStock(sku);
        assertThat(stock.get("available").asLong()).isEqualTo(2);
        SagaStack.assertConserved(stock);
        saga.awaitQueuesDrained();
        assertThat(saga.ledger().entries(orderId)).isEmpty();
    }

    @Test
    void order_shouldCancelAndReleaseStock_whenTheCardIsDeclined() {
        String sku = saga.product(500, 5);
        LocalApi carol = saga.customer("carol");
        String orderId = saga.place(carol, sku, 2, "tok_declined");
        JsonNode order = saga.awaitTerminal(carol, orderId);
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancellationReason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(order.at("/payment/status").asText()).isEqualTo("DECLINED");
        JsonNode stock = saga.awaitSettledStock(sku);
        assertThat(stock.get("available").asLong()).isEqualTo(5);
        SagaStack.assertConserved(stock);
        assertThat(saga.ledger().approvedCharges(orderId)).isZero();
    }

    @Test
    void order_shouldConfirmWithExactlyOneCharge_whenTheGatewayTimesOutAfterCharging() {
        String sku = saga.product(999, 5);
        LocalApi dan = saga.customer("dan");
        String orderId = saga.place(dan, sku, 1, "tok_timeout");
        JsonNode order = saga.awaitTerminal(dan, orderId);
        assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
        saga.awaitQueuesDrained();
        assertThat(saga.ledger().approvedCharges(orderId)).isEqualTo(1);
        SagaStack.assertConserved(saga.awaitSettledStock(sku));
    }

    @Test
    void cancel_shouldRefundAndRestock_whenTheOrderWasConfirmed() {
        // given a confirmed order
        String sku = saga.product(700, 4);
        LocalApi erin = saga.customer("erin");
        String orderId = saga.place(erin, sku, 2, "tok_ok");
        assertThat(saga.awaitTerminal(erin, orderId).get("status").asText()).isEqualTo("CONFIRMED");
        // when
        var cancel = erin.post("/orders/" + orderId + "/cancel", null);
        // then
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        assertThat(cancel.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancel.json().get("cancellationReason").asText()).isEqualTo("CUSTOMER_CANCELLED");
        saga.awaitOrder(erin, orderId, "refunded", o -> o.at("/payment/status").asText().equals("REFUNDED"));
        JsonNode stock = Await.until("stock back", SagaStack.SAGA_TIMEOUT, () -> {
            JsonNode p = saga.productView(sku);
            return p.get("available").asLong() == 4 ? Optional.of(p) : Optional.empty();
        });
        assertThat(stock.get("sold").asLong()).isZero();
        SagaStack.assertConserved(stock);
        assertThat(saga.ledger().approvedCharges(orderId)).isEqualTo(1);
        assertThat(saga.ledger().refunds(orderId)).isEqualTo(1);
    }

    @Test
    void cancel_shouldLeaveNoNetCharge_whenTheCustomerCancelsAPendingOrder() {
        String sku = saga.product(300, 3);
        LocalApi frank = saga.customer("frank");
        String orderId = saga.place(frank, sku, 1, "tok_ok");
        var cancel = frank.post("/orders/" + orderId + "/cancel", null);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        JsonNode order = saga.awaitTerminal(frank, orderId);
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancellationReason").asText()).isEqualTo("CUSTOMER_CANCELLED");
        saga.awaitQueuesDrained();
        JsonNode stock = saga.awaitSettledStock(sku);
        assertThat(stock.get("available").asLong()).isEqualTo(3);
        SagaStack.assertConserved(stock);
        // the cancel may land before or after the charge: either no charge, or a charge and its refund
        assertThat(saga.ledger().approvedCharges(orderId)).isEqualTo(saga.ledger().refunds(orderId));
    }

    @Test
    void place_shouldReturnTheSameOrder_whenRetriedWithTheSameIdempotencyKey() {
        String sku = saga.product(100, 10);
        LocalApi gina = saga.customer("gina").header("Idempotency-Key", "retry-" + sku);
        var first = gina.post("/orders", SagaStack.order(sku, 1, "tok_ok"));
        var second = gina.post("/orders", SagaStack.order(sku, 1, "tok_ok"));
        var different = gina.post("/orders", SagaStack.order(sku, 2, "tok_ok"));
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("orderId").asText()).isEqualTo(first.json().get("orderId").asText());
        assertThat(different.status()).as(different.toString()).isEqualTo(422);
        String orderId = first.json().get("orderId").asText();
        assertThat(saga.awaitTerminal(gina, orderId).get("status").asText()).isEqualTo("CONFIRMED");
        JsonNode stock = saga.awaitSettledStock(sku);
        assertThat(stock.get("sold").asLong()).isEqualTo(1);
        assertThat(saga.customer("gina").get("/orders").json().get("items").size()).isEqualTo(1);
    }

    @Test
    void events_shouldChangeNothing_whenEveryEventOfASagaIsDeliveredAgainInReverseOrder() {
        // given a confirmed order and a declined one, settled
        String sku = saga.product(400, 10);
        LocalApi hank = saga.customer("hank");
        String confirmed = saga.place(hank, sku, 2, "tok_ok");
        String declined = saga.place(hank, sku, 1, "tok_declined");
        saga.awaitTerminal(hank, confirmed);
        saga.awaitTerminal(hank, declined);
        saga.awaitOrder(hank, confirmed, "captured", o -> o.at("/payment/status").asText().equals("CAPTURED"));
        saga.awaitSettledStock(sku);
        saga.awaitQueuesDrained();
        JsonNode stockBefore = saga.productView(sku);
        String confirmedBefore = hank.get("/orders/" + confirmed).body();
        String declinedBefore = hank.get("/orders/" + declined).body();
        // when every event of both sagas is published again, newest first (duplicates, out of order)
        List<PutEventsRequestEntry> replay = new ArrayList<>();
        for (var item : saga.stack.dynamoDb().scan(b -> b.tableName(saga.stack.tableName("OutboxTable")).consistentRead(true)).items()) {
            JsonNode detail = Json.parseTrusted(item.get("detail").s());
            String correlation = detail.path("correlationId").asText();
            if (correlation.equals(confirmed) || correlation.equals(declined)) {
                replay.add(entry(item));
            }
        }
        assertThat(replay).hasSizeGreaterThanOrEqualTo(7);
        Collections.reverse(replay);
        try (EventBridgeClient events = eventBridge()) {
            for (PutEventsRequestEntry e : replay) {
                assertThat(events.putEvents(b -> b.entries(e)).failedEntryCount()).isZero();
            }
        }
        saga.awaitQueuesDrained();
        // then
        assertThat(saga.productView(sku)).isEqualTo(stockBefore);
        assertThat(hank.get("/orders/" + confirmed).body()).isEqualTo(confirmedBefore);
        assertThat(hank.get("/orders/" + declined).body()).isEqualTo(declinedBefore);
        assertThat(saga.ledger().approvedCharges(confirmed)).isEqualTo(1);
        assertThat(saga.ledger().refunds(confirmed)).isZero();
        assertThat(saga.ledger().approvedCharges(declined)).isZero();
    }

    @Test
    void poisonMessage_shouldReachTheDlq_afterMaxReceives() {
        // given a message no consumer can read
        String queue = saga.stack.queueUrl("OrdersQueue");
        String dlq = saga.stack.queueUrl("OrdersDLQ");
        String marker = "poison-" + System.nanoTime();
        saga.stack.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("{\"not\":\"an event\",\"marker\":\"" + marker + "\"}"));
        // when / then: after maxReceiveCount (5) failed receives it moves to the DLQ
        Await.until("poison message in OrdersDLQ", Duration.ofSeconds(60), () -> {
            var messages = saga.stack.sqs().receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).visibilityTimeout(0)).messages();
            return messages.stream().anyMatch(m -> m.body().contains(marker)) ? Optional.of(true) : Optional.empty();
        });
        var attributes = saga.stack.sqs().getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        assertThat(Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void parallelOrders_shouldConfirmExactlyTheStock_whenFiftyCustomersRaceForTwentyUnits() throws Exception {
        // given
        String sku = saga.product(100, 20);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<String[]>> placed = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String customer = "racer-" + i;
                placed.add(pool.submit(() -> {
                    LocalApi c = saga.customer(customer);
                    return new String[]{customer, saga.place(c, sku, 1, "tok_ok")};
                }));
            }
            // when
            int confirmed = 0;
            int outOfStock = 0;
            List<String> confirmedIds = new ArrayList<>();
            for (Future<String[]> f : placed) {
                String[] p = f.get();
                JsonNode order = saga.awaitTerminal(saga.customer(p[0]), p[1]);
                if (order.get("status").asText().equals("CONFIRMED")) {
                    confirmed++;
                    confirmedIds.add(p[1]);
                } else {
                    assertThat(order.get("cancellationReason").asText()).isEqualTo("OUT_OF_STOCK");
                    outOfStock++;
                }
            }
            // then
            assertThat(confirmed).isEqualTo(20);
            assertThat(outOfStock).isEqualTo(30);
            JsonNode stock = saga.awaitSettledStock(sku);
            assertThat(stock.get("available").asLong()).isZero();
            assertThat(stock.get("sold").asLong()).isEqualTo(20);
            SagaStack.assertConserved(stock);
            for (String id : confirmedIds) {
                assertThat(saga.ledger().approvedCharges(id)).as("charges of " + id).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private EventBridgeClient eventBridge() {
        return EventBridgeClient.builder().endpointOverride(saga.stack.eventBridgeEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private PutEventsRequestEntry entry(Map<String, AttributeValue> item) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName())
                .source(item.get("source").s())
                .detailType(item.get("detailType").s())
                .detail(item.get("detail").s())
                .build();
    }

    private String busName() {
        return saga.stack.model().buses().get("EventBus").name();
    }
}

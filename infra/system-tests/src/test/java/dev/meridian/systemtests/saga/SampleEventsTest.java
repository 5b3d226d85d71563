package dev.meridian.systemtests.saga;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.config.Environment;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.template.Specs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample event in {@code events/} (the fixtures for {@code sam local invoke -e}) goes
 * through the handler that the template wires to it, built with the environment the
 * template declares, against the local engines — in an order that makes each answer
 * predictable (the product exists before it is ordered).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleEventsTest {

    private static final Path EVENTS = Path.of(System.getProperty("meridian.root", "../.."), "events");

    private SagaStack saga;

    @BeforeAll
    void start() {
        saga = SagaStack.start(900);
    }

    @AfterAll
    void stop() {
        saga.close();
    }

    private RequestStreamHandler handler(String functionLogicalId) throws Exception {
        Specs.Function spec = saga.stack.model().functions().get(functionLogicalId);
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.put("AWS_REGION", saga.stack.model().region());
        env.put("DYNAMODB_ENDPOINT", saga.stack.model().endpoints().dynamoDb());
        env.put("EVENTBRIDGE_ENDPOINT", saga.stack.model().endpoints().events());
        return (RequestStreamHandler) Class.forName(spec.handlerClass()).getConstructor(Environment.class).newInstance(Environment.of(env));
    }

    private JsonNode invoke(String functionLogicalId, String fixture) throws Exception {
        byte[] event = Files.readAllBytes(EVENTS.resolve(fixture));
        var out = new ByteArrayOutputStream();
        handler(functionLogicalId).handleRequest(new ByteArrayInputStream(event), out, null);
        return Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
    }

    private static int status(JsonNode response) {
        return response.get("statusCode").asInt();
    }

    private static Set<String> failures(JsonNode response) {
        Set<String> ids = new HashSet<>();
        response.get("batchItemFailures").forEach(f -> ids.add(f.get("itemIdentifier").asText()));
        return ids;
    }

    @Test
    void httpFixtures_shouldBeServedByTheirRoutesFunctions() throws Exception {
        assertThat(status(invoke("ProductsApiFunction", "http/put-product.json"))).isIn(200, 201);
        assertThat(status(invoke("ProductsApiFunction", "http/restock.json"))).isEqualTo(200);
        assertThat(status(invoke("ProductsApiFunction", "http/get-products.json"))).isEqualTo(200);
        JsonNode product = invoke("ProductsApiFunction", "http/get-product.json");
        assertThat(status(product)).isEqualTo(200);
        assertThat(Json.parseTrusted(product.get("body").asText()).get("available").asLong()).isPositive();

        JsonNode placed = invoke("OrdersApiFunction", "http/place-order.json");
        assertThat(status(placed)).as(placed.toString()).isEqualTo(202);
        assertThat(status(invoke("OrdersApiFunction", "http/list-orders.json"))).isEqualTo(200);
        // the fixtures name an order id of the documentation's example, which does not exist here
        assertThat(status(invoke("OrdersApiFunction", "http/get-order.json"))).isEqualTo(404);
        assertThat(status(invoke("OrdersApiFunction", "http/cancel-order.json"))).isEqualTo(404);
    }

    @Test
    void sqsFixtures_shouldBeReadByTheirConsumers() throws Exception {
        // inventory: OrderPlaced reserves (the product exists after the HTTP fixtures or is created here)
        invoke("ProductsApiFunction", "http/put-product.json");
        invoke("ProductsApiFunction", "http/restock.json");
        assertThat(failures(invoke("InventoryEventsFunction", "sqs/order-placed.json"))).isEmpty();
        assertThat(failures(invoke("InventoryEventsFunction", "sqs/order-confirmed.json"))).isEmpty();
        assertThat(failures(invoke("InventoryEventsFunction", "sqs/order-cancelled.json"))).isEmpty();
        // payments: both halves of the charge (the order's PaymentRequested, inventory's InventoryReserved)
        // start it once; then the cancellation refunds it
        assertThat(failures(invoke("PaymentEventsFunction", "sqs/payment-requested.json"))).isEmpty();
        assertThat(failures(invoke("PaymentEventsFunction", "sqs/inventory-reserved.json"))).isEmpty();
        assertThat(failures(invoke("PaymentEventsFunction", "sqs/order-cancelled.json"))).isEmpty();
        // orders: the fixtures' order does not exist here, so each message is reported for retry (and would reach the DLQ)
        for (String fixture : new String[]{"inventory-rejected", "reservation-expired", "payment-captured", "payment-failed", "payment-refunded"}) {
            JsonNode event = Json.parseTrusted(Files.readString(EVENTS.resolve("sqs/" + fixture + ".json")));
            assertThat(failures(invoke("OrderEventsFunction", "sqs/" + fixture + ".json")))
                    .as(fixture).containsExactly(event.get("Records").get(0).get("messageId").asText());
        }
    }

    @Test
    void streamAndScheduleFixtures_shouldBeHandled() throws Exception {
        assertThat(failures(invoke("OutboxPublisherFunction", "stream/outbox-insert.json"))).isEmpty();
        assertThat(invoke("ReservationSweeperFunction", "schedule/sweeper.json").get("expired").asInt()).isZero();
    }
}

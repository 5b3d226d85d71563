package dev.meridian.orders.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.orders.adapters.DynamoStorageProbe;
import dev.meridian.orders.adapters.HealthApi;
import dev.meridian.orders.support.OrdersHarness;
import dev.meridian.orders.support.TestEvents;
import dev.meridian.orders.support.TestEvents.Who;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /health through the orders API handler: no caller needed, 200 while DynamoDB answers, 503 when it does not. */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthRouteTest {

    private OrdersHarness h;

    @BeforeAll
    void createTables() {
        h = new OrdersHarness("orders-health");
    }

    private static JsonNode health(OrdersApiHandler handler) {
        return TestEvents.invoke(handler, TestEvents.http("GET", "GET /health", "/health", Map.of(), Map.of(), Who.ANONYMOUS, Map.of(), null));
    }

    @Test
    void health_shouldAnswer200WithTheRegionAndWriteNothing_whenDynamoDbAnswersAndNobodySignedIn() {
        // given
        var handler = new OrdersApiHandler(h.service, h.idempotency, h.health("eu-west-1"));
        String before = h.snapshot();
        // when
        JsonNode response = health(handler);
        // then
        assertThat(response.path("statusCode").asInt()).as(response.path("body").asText()).isEqualTo(200);
        JsonNode body = Json.parseTrusted(response.path("body").asText());
        assertThat(body.path("status").asText()).isEqualTo("ok");
        assertThat(body.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void health_shouldAnswer503Unavailable_whenDynamoDbFails() {
        // given: the probe reads a table this engine does not have (DynamoDB answers with an error)
        var broken = new HealthApi(new DynamoStorageProbe(h.dynamoDb, LocalEngines.uniqueName("no-such-orders")), "us-east-1");
        var handler = new OrdersApiHandler(h.service, h.idempotency, broken);
        // when
        JsonNode response = health(handler);
        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(503);
        JsonNode body = Json.parseTrusted(response.path("body").asText());
        assertThat(body.path("status").asText()).isEqualTo("unavailable");
        assertThat(body.path("region").asText()).isEqualTo("us-east-1");
        assertThat(body.path("reason").asText()).isEqualTo("dynamodb");
    }
}

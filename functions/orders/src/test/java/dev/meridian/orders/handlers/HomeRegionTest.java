package dev.meridian.orders.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.orders.adapters.DynamoCatalog;
import dev.meridian.orders.adapters.DynamoOrderRepository;
import dev.meridian.orders.app.OrdersService;
import dev.meridian.orders.domain.CancellationReason;
import dev.meridian.orders.domain.OrderStatus;
import dev.meridian.orders.support.OrdersHarness;
import dev.meridian.orders.support.TestEvents;
import dev.meridian.orders.support.TestEvents.Who;
import dev.meridian.testkit.EventContracts;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Home-region writes only (issue 12): one table set seen by two region configurations — the
 * home region (us-east-1, where orders are placed) and eu-west-1 — models a replica well enough
 * for the write-ownership rules: what eu-west-1 writes, and what it must never write.
 */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeRegionTest {

    private static final String HOME = TestEvents.REGION;
    private static final String OTHER = "eu-west-1";
    private static final String VALID = "{\"lines\":[{\"sku\":\"mug\",\"quantity\":2}],\"payment\":{\"token\":\"tok_visa_4242\"}}";

    private OrdersHarness h;
    private OrdersApiHandler homeApi;
    private OrdersApiHandler otherApi;
    private OrderEventsHandler homeEvents;
    private OrderEventsHandler otherEvents;

    @BeforeAll
    void createTables() {
        h = new OrdersHarness("orders-home");
        OrdersService other = new OrdersService(h.repository, new DynamoCatalog(h.dynamoDb, h.inventoryTable), h.clock, OTHER);
        homeApi = new OrdersApiHandler(h.service, h.idempotency, h.health(TestEvents.REGION));
        otherApi = new OrdersApiHandler(other, h.idempotency, h.health(OTHER));
        homeEvents = new OrderEventsHandler(h.service);
        otherEvents = new OrderEventsHandler(other);
        h.product("mug", 1250, "EUR");
    }

    private static Who newCustomer() {
        return Who.customer("cust-" + UUID.randomUUID());
    }

    private String placed(Who who) {
        JsonNode response = TestEvents.invoke(homeApi, TestEvents.http("POST", "POST /orders", "/orders", Map.of(), Map.of(), who,
                Map.of("content-type", "application/json"), VALID));
        assertThat(response.path("statusCode").asInt()).isEqualTo(202);
        return Json.parseTrusted(response.path("body").asText()).path("orderId").asText();
    }

    private static JsonNode cancel(OrdersApiHandler api, Who who, String orderId) {
        return TestEvents.invoke(api, TestEvents.http("POST", "POST /orders/{orderId}/cancel", "/orders/" + orderId + "/cancel",
                Map.of("orderId", orderId), Map.of(), who, Map.of(), null));
    }

    private static JsonNode get(OrdersApiHandler api, Who who, String orderId) {
        return TestEvents.invoke(api, TestEvents.http("GET", "GET /orders/{orderId}", "/orders/" + orderId,
                Map.of("orderId", orderId), Map.of(), who, Map.of(), null));
    }

    private static JsonNode body(JsonNode response) {
        return Json.parseTrusted(response.path("body").asText());
    }

    /** The outbox items of type CancelRequested about one order, as stored (attributes). */
    private List<Map<String, AttributeValue>> cancelRequests(String orderId) {
        return h.emitted().stream()
                .filter(i -> i.get("detailType").s().equals("CancelRequested"))
                .filter(i -> orderId.equals(Json.parseTrusted(i.get("detail").s()).path("data").path("orderId").asText()))
                .toList();
    }

    /** What the home region's publisher puts on its bus for an outbox item, delivered to OrdersQueue. */
    private static JsonNode delivered(Map<String, AttributeValue> outboxItem) {
        return TestEvents.sqs(EventContracts.eventBridgeJson(outboxItem.get("source").s(), outboxItem.get("detailType").s(),
                outboxItem.get("detail").s()));
    }

    private Map<String, AttributeValue> requestItem(String orderId, String region) {
        var response = h.dynamoDb.getItem(b -> b.tableName(h.ordersTable).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(DynamoOrderRepository.cancelRequestKey(orderId, region)))));
        return response.hasItem() ? response.item() : Map.of();
    }

    // regression (issue 12): OrdersService.cancel never checked homeRegion, so a cancel served by another
    // region wrote the order — and through OrderCancelled the home region's allocation — from a second region
    @Test
    void cancel_shouldRecordARequestAnswer202AndNotWriteTheOrder_whenAnsweredOutsideTheHomeRegion() {
        // given
        Who who = newCustomer();
        String orderId = placed(who);
        // when: asked twice in eu-west-1
        JsonNode first = cancel(otherApi, who, orderId);
        JsonNode second = cancel(otherApi, who, orderId);
        // then
        assertThat(first.path("statusCode").asInt()).as(first.path("body").asText()).isEqualTo(202);
        assertThat(second.path("statusCode").asInt()).isEqualTo(202);
        JsonNode answer = body(first);
        assertThat(answer.path("status").asText()).isEqualTo("PENDING");
        assertThat(answer.path("homeRegion").asText()).isEqualTo(HOME);
        assertThat(answer.path("cancelRequest").path("status").asText()).isEqualTo("REQUESTED");
        assertThat(answer.path("cancelRequest").path("requestedIn").asText()).isEqualTo(OTHER);
        assertThat(h.order(orderId).version()).as("the order is written by its home region only").isEqualTo(1);
        assertThat(h.order(orderId).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(h.outbox("OrderCancelled", orderId)).isEmpty();
        Map<String, AttributeValue> request = requestItem(orderId, OTHER);
        assertThat(request).containsEntry("requestedIn", AttributeValue.fromS(OTHER)).containsEntry("homeRegion", AttributeValue.fromS(HOME))
                .containsEntry("requestedBy", AttributeValue.fromS(who.sub())).doesNotContainKeys("customerId", "createdAt");
        List<Map<String, AttributeValue>> events = cancelRequests(orderId);
        assertThat(events).as("one request per (order, region), however often it is asked").hasSize(1);
        assertThat(events.get(0)).containsEntry("region", AttributeValue.fromS(OTHER)).containsEntry("publishIn", AttributeValue.fromS(HOME));
        assertThat(request.get("eventId")).isEqualTo(events.get(0).get("eventId"));
        assertThat(h.service.list(who.sub(), 10)).extracting(o -> o.orderId()).containsExactly(orderId);
    }

    @Test
    void cancelRequested_shouldCancelTheOrderOnceInTheHomeRegion_whenDeliveredThereEvenTwice() {
        // given
        Who who = newCustomer();
        String orderId = placed(who);
        cancel(otherApi, who, orderId);
        JsonNode message = delivered(cancelRequests(orderId).get(0));
        // when
        JsonNode firstBatch = TestEvents.invoke(homeEvents, message);
        JsonNode secondBatch = TestEvents.invoke(homeEvents, message);
        // then
        assertThat(TestEvents.failures(firstBatch)).isEmpty();
        assertThat(TestEvents.failures(secondBatch)).isEmpty();
        assertThat(h.order(orderId).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(h.order(orderId).cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
        assertThat(h.order(orderId).version()).isEqualTo(2);
        List<JsonNode> cancelled = h.outbox("OrderCancelled", orderId);
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).path("region").asText()).as("emitted by the home region").isEqualTo(HOME);
    }

    @Test
    void cancelRequested_shouldChangeNothing_whenItReachesARegionThatIsNotTheOrdersHome() {
        // given: buses are regional, so this is a misrouted event; applying it would make a second writer
        Who who = newCustomer();
        String orderId = placed(who);
        cancel(otherApi, who, orderId);
        JsonNode message = delivered(cancelRequests(orderId).get(0));
        String before = h.snapshot();
        // when
        JsonNode batch = TestEvents.invoke(otherEvents, message);
        JsonNode captured = TestEvents.invoke(otherEvents, TestEvents.sqs(TestEvents.paymentCaptured(orderId, 2500)));
        // then
        assertThat(TestEvents.failures(batch)).isEmpty();
        assertThat(TestEvents.failures(captured)).isEmpty();
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.order(orderId).status()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void cancel_shouldAnswer202WhateverTheState_whenTheOrderIsAlreadyCancelledAtHome() {
        // given
        Who who = newCustomer();
        String orderId = placed(who);
        assertThat(cancel(homeApi, who, orderId).path("statusCode").asInt()).isEqualTo(200);
        // when
        JsonNode remote = cancel(otherApi, who, orderId);
        // then: the home region decides (here: nothing to do)
        assertThat(remote.path("statusCode").asInt()).isEqualTo(202);
        assertThat(body(remote).path("status").asText()).isEqualTo("CANCELLED");
        TestEvents.invoke(homeEvents, delivered(cancelRequests(orderId).get(0)));
        assertThat(h.order(orderId).version()).isEqualTo(2);
        assertThat(h.outbox("OrderCancelled", orderId)).hasSize(1);
    }

    @Test
    void cancelAndGet_shouldAnswer404AndWriteNothing_whenTheOrderIsNotReplicatedYetOrNotTheCallers() {
        // given
        Who who = newCustomer();
        String orderId = placed(who);
        String unknown = "ord-" + UUID.randomUUID().toString().replace("-", "");
        String before = h.snapshot();
        // when / then
        assertThat(cancel(otherApi, who, unknown).path("statusCode").asInt()).isEqualTo(404);
        assertThat(get(otherApi, who, unknown).path("statusCode").asInt()).isEqualTo(404);
        assertThat(cancel(otherApi, newCustomer(), orderId).path("statusCode").asInt()).isEqualTo(404);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void get_shouldAnswerFromTheLocalReplicaWithHomeRegion_whenAskedInAnotherRegion() {
        // given
        Who who = newCustomer();
        String orderId = placed(who);
        // when
        JsonNode response = get(otherApi, who, orderId);
        // then
        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(body(response).path("homeRegion").asText()).isEqualTo(HOME);
        assertThat(body(response).path("orderId").asText()).isEqualTo(orderId);
    }
}

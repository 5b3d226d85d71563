package dev.meridian.orders.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.common.testing.BodyMutations;
import dev.meridian.orders.domain.CancellationReason;
import dev.meridian.orders.domain.Order;
import dev.meridian.orders.domain.OrderStatus;
import dev.meridian.orders.support.OrdersHarness;
import dev.meridian.orders.support.TestEvents;
import dev.meridian.orders.support.TestEvents.Who;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The orders API through its Lambda handler, with the real OrdersService, on the DynamoDB engine. */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersApiHandlerTest {

    private static final String JSON = "application/json";
    private static final String VALID = "{\"lines\":[{\"sku\":\"mug\",\"quantity\":2},{\"sku\":\"tea\",\"quantity\":3}],"
            + "\"payment\":{\"token\":\"tok_visa_4242\"}}";

    private OrdersHarness h;
    private OrdersApiHandler handler;

    @BeforeAll
    void createTables() {
        h = new OrdersHarness("orders-api");
        handler = new OrdersApiHandler(h.service, h.idempotency, h.health(TestEvents.REGION));
        h.product("mug", 1250, "EUR");
        h.product("tea", 500, "EUR");
        h.product("cap", 1999, "USD");
    }

    private static Who newCustomer() {
        return Who.customer("cust-" + UUID.randomUUID());
    }

    // ---- requests ----

    private JsonNode post(Who who, String body, Map<String, String> headers) {
        return TestEvents.invoke(handler, TestEvents.http("POST", "POST /orders", "/orders", Map.of(), Map.of(), who, headers, body));
    }

    private JsonNode post(Who who, String body) {
        return post(who, body, Map.of("content-type", JSON));
    }

    private JsonNode postWithKey(Who who, String body, String key) {
        return post(who, body, Map.of("content-type", JSON, "Idempotency-Key", key));
    }

    private JsonNode get(Who who, String orderId) {
        return TestEvents.invoke(handler, TestEvents.http("GET", "GET /orders/{orderId}", "/orders/" + orderId,
                Map.of("orderId", orderId), Map.of(), who, Map.of(), null));
    }

    private JsonNode list(Who who, Map<String, String> query) {
        return TestEvents.invoke(handler, TestEvents.http("GET", "GET /orders", "/orders", Map.of(), query, who, Map.of(), null));
    }

    private JsonNode cancel(Who who, String orderId) {
        return TestEvents.invoke(handler, TestEvents.http("POST", "POST /orders/{orderId}/cancel", "/orders/" + orderId + "/cancel",
                Map.of("orderId", orderId), Map.of(), who, Map.of(), null));
    }

    private static int status(JsonNode response) {
        return response.path("statusCode").asInt();
    }

    private static JsonNode body(JsonNode response) {
        return Json.parseTrusted(response.path("body").asText());
    }

    private static JsonNode problem(JsonNode response, int expectedStatus) {
        assertThat(status(response)).as(response.path("body").asText()).isEqualTo(expectedStatus);
        assertThat(response.path("headers").path("content-type").asText()).isEqualTo("application/problem+json");
        return body(response);
    }

    private String placed(Who who) {
        JsonNode response = post(who, VALID);
        assertThat(status(response)).isEqualTo(202);
        return body(response).path("orderId").asText();
    }

    // ---- place ----

    @Test
    void place_shouldAccept202PendingWithTotalAndOneOrderPlaced_whenRequestIsValid() {
        // given
        Who who = newCustomer();
        // when
        JsonNode response = post(who, VALID, Map.of("content-type", "application/json; charset=utf-8",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        // then
        assertThat(status(response)).isEqualTo(202);
        JsonNode body = body(response);
        String orderId = body.path("orderId").asText();
        assertThat(orderId).matches("ord-[0-9a-f]{32}");
        assertThat(response.path("headers").path("location").asText()).isEqualTo("/orders/" + orderId);
        assertThat(body.path("status").asText()).isEqualTo("PENDING");
        assertThat(body.path("total").asLong()).isEqualTo(2 * 1250 + 3 * 500);
        assertThat(body.path("currency").asText()).isEqualTo("EUR");
        assertThat(body.path("payment").path("status").asText()).isEqualTo("PENDING");
        assertThat(body.toString()).doesNotContain("tok_visa_4242");

        Order stored = h.order(orderId);
        assertThat(stored.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(stored.customerId()).isEqualTo(who.sub());
        assertThat(stored.total()).isEqualTo(4000);
        assertThat(stored.version()).isEqualTo(1);

        List<JsonNode> events = h.outbox("OrderPlaced", orderId);
        assertThat(events).hasSize(1);
        JsonNode data = events.get(0).path("data");
        assertThat(data.path("customerId").asText()).isEqualTo(who.sub());
        assertThat(data.has("paymentToken")).as("OrderPlaced goes to inventory: it must not carry the token").isFalse();
        assertThat(data.path("total").asLong()).isEqualTo(4000);
        assertThat(data.path("currency").asText()).isEqualTo("EUR");
        assertThat(data.path("lines")).hasSize(2);
        assertThat(data.path("lines").get(0).path("sku").asText()).isEqualTo("mug");
        assertThat(data.path("lines").get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(data.path("lines").get(1).path("sku").asText()).isEqualTo("tea");
        assertThat(data.path("lines").get(1).path("quantity").asLong()).isEqualTo(3);
        assertThat(events.get(0).path("correlationId").asText()).isEqualTo(orderId);
        assertThat(events.get(0).path("region").asText()).isEqualTo(TestEvents.REGION);
        assertThat(events.get(0).path("traceparent").asText()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(h.outboxTypes(orderId)).containsExactlyInAnyOrder("OrderPlaced", "PaymentRequested");
        // the charge payments makes once the stock is reserved: the only event with the token
        List<JsonNode> requested = h.outbox("PaymentRequested", orderId);
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).path("data").path("paymentToken").asText()).isEqualTo("tok_visa_4242");
        assertThat(requested.get(0).path("data").path("amount").asLong()).isEqualTo(4000);
        assertThat(requested.get(0).path("data").path("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void place_shouldReplayTheSameOrder_whenIdempotencyKeyIsRepeated() {
        // given
        Who who = newCustomer();
        String key = "checkout-" + UUID.randomUUID();
        // when
        JsonNode first = postWithKey(who, VALID, key);
        JsonNode retry = postWithKey(who, VALID, key);
        // then
        assertThat(status(first)).isEqualTo(202);
        assertThat(status(retry)).isEqualTo(202);
        String orderId = body(first).path("orderId").asText();
        assertThat(body(retry).path("orderId").asText()).isEqualTo(orderId);
        assertThat(retry.path("headers").path("idempotent-replayed").asText()).isEqualTo("true");
        assertThat(body(list(who, Map.of())).path("items")).hasSize(1);
        assertThat(h.outbox("OrderPlaced", orderId)).hasSize(1);
    }

    @Test
    void place_shouldRefuse422AndWriteNothing_whenIdempotencyKeyIsReusedWithAnotherBody() {
        // given
        Who who = newCustomer();
        String key = "checkout-" + UUID.randomUUID();
        postWithKey(who, VALID, key);
        String before = h.snapshot();
        // when
        JsonNode reused = postWithKey(who, VALID.replace("\"quantity\":2", "\"quantity\":20"), key);
        // then
        assertThat(problem(reused, 422).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void place_shouldAcceptTheCorrectedRequest_whenTheSameKeyFirstFailedWith422() {
        // given: the first attempt names an unknown sku, so no order is placed and the key is not used up
        Who who = newCustomer();
        String key = "checkout-" + UUID.randomUUID();
        JsonNode failed = postWithKey(who, VALID.replace("\"tea\"", "\"tea-typo\""), key);
        assertThat(problem(failed, 422).path("field").asText()).isEqualTo("lines[1].sku");
        // when
        JsonNode corrected = postWithKey(who, VALID, key);
        // then
        assertThat(status(corrected)).isEqualTo(202);
        assertThat(corrected.path("headers").path("idempotent-replayed").asText()).isEqualTo("false");
        assertThat(body(list(who, Map.of())).path("items")).hasSize(1);
    }

    @Test
    void place_shouldRefuse422_whenAKeyIsReusedForAnotherOrderAfterItsIdempotencyRecordExpired() {
        // Regression: the order id is derived from (customer, key). Once the idempotency record had
        // expired (24 h), a different order under the same key found the old order and answered 202
        // with it: the new order was silently not placed.
        // given
        Who who = newCustomer();
        String key = "cart-" + UUID.randomUUID();
        String firstId = body(postWithKey(who, VALID, key)).path("orderId").asText();
        h.clock.advance(Duration.ofHours(25));
        // when
        JsonNode other = postWithKey(who, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":5}],\"payment\":{\"token\":\"tok_ok\"}}", key);
        JsonNode sameAgain = postWithKey(who, VALID, key);
        // then: the different order is refused and nothing is written; the same order is still found
        assertThat(problem(other, 422).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(status(sameAgain)).isEqualTo(202);
        assertThat(body(sameAgain).path("orderId").asText()).isEqualTo(firstId);
        assertThat(h.outbox("OrderPlaced", firstId)).hasSize(1);
        assertThat(body(list(who, Map.of())).path("items")).hasSize(1);
        assertThat(h.order(firstId).lines()).extracting(l -> l.sku() + "x" + l.quantity()).containsExactly("mugx2", "teax3");
    }

    @Test
    void place_shouldCreateSeparateOrders_whenTwoCustomersUseTheSameIdempotencyKey() {
        // given
        String key = "same-key-" + UUID.randomUUID();
        // when
        JsonNode a = postWithKey(newCustomer(), VALID, key);
        JsonNode b = postWithKey(newCustomer(), VALID, key);
        // then
        assertThat(body(a).path("orderId").asText()).isNotEqualTo(body(b).path("orderId").asText());
    }

    // ---- read ----

    @Test
    void get_shouldReturnTheOrder_whenCallerOwnsIt() {
        // given
        Who who = newCustomer();
        String orderId = placed(who);
        // when
        JsonNode response = get(who, orderId);
        // then
        assertThat(status(response)).isEqualTo(200);
        assertThat(body(response).path("orderId").asText()).isEqualTo(orderId);
        assertThat(body(response).path("lines")).hasSize(2);
        assertThat(body(response).path("lines").get(0).path("unitPrice").asLong()).isEqualTo(1250);
    }

    @Test
    void get_shouldAnswer404Not403_whenOrderBelongsToAnotherCustomer() {
        // given
        String orderId = placed(newCustomer());
        // when
        JsonNode response = get(newCustomer(), orderId);
        JsonNode unknown = get(newCustomer(), "ord-" + "0".repeat(32));
        // then: indistinguishable from an order that does not exist
        JsonNode problem = problem(response, 404);
        assertThat(problem.path("detail").asText()).isEqualTo(problem(unknown, 404).path("detail").asText());
    }

    @Test
    void get_shouldAnswer401_whenCallerIsAnonymous() {
        // given
        String orderId = placed(newCustomer());
        // when / then
        problem(get(Who.ANONYMOUS, orderId), 401);
        problem(list(Who.ANONYMOUS, Map.of()), 401);
        problem(cancel(Who.ANONYMOUS, orderId), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "ord-XYZ", "ORD-0123456789abcdef0123456789abcdef", "ord-0123456789ABCDEF0123456789ABCDEF",
            "ord-0123456789abcdef0123456789abcdef0", "ord-0123456789abcdef0123456789abcde", "../orders", "ord-%00"})
    void get_shouldAnswer404_whenOrderIdInPathIsMalformed(String orderId) {
        // given
        String before = h.snapshot();
        // when
        JsonNode read = get(newCustomer(), orderId);
        JsonNode cancelled = cancel(newCustomer(), orderId);
        // then
        problem(read, 404);
        problem(cancelled, 404);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void list_shouldReturnOnlyTheCallersOrdersNewestFirst_whenSeveralCustomersOrdered() {
        // given
        Who me = newCustomer();
        Who other = newCustomer();
        String first = placed(me);
        h.clock.advance(Duration.ofSeconds(1));
        placed(other);
        h.clock.advance(Duration.ofSeconds(1));
        String second = placed(me);
        h.clock.advance(Duration.ofSeconds(1));
        String third = placed(me);
        // when
        JsonNode all = list(me, Map.of());
        JsonNode two = list(me, Map.of("limit", "2"));
        // then
        assertThat(status(all)).isEqualTo(200);
        assertThat(body(all).path("items").findValuesAsText("orderId")).containsExactly(third, second, first);
        assertThat(body(two).path("items").findValuesAsText("orderId")).containsExactly(third, second);
    }

    @Test
    void list_shouldReturnNewestFirst_whenOrdersArePlacedWithinTheSameSecond() {
        // Regression: createdAt (the byCustomer sort key) was written with Instant.toString(), whose
        // fraction has variable width ("...:00Z", "...:00.500Z"), so lexicographic order was not time order.
        // given
        Who me = newCustomer();
        h.clock.advance(Duration.ofSeconds(10).minusNanos(h.clock.instant().getNano()));
        String onTheSecond = placed(me);
        h.clock.advance(Duration.ofMillis(500));
        String halfLater = placed(me);
        h.clock.advance(Duration.ofNanos(1_000));
        String microLater = placed(me);
        // when
        JsonNode all = list(me, Map.of());
        // then
        assertThat(body(all).path("items").findValuesAsText("orderId")).containsExactly(microLater, halfLater, onTheSecond);
        assertThat(h.order(onTheSecond).createdAt()).isEqualTo(body(get(me, onTheSecond)).path("createdAt").asText().transform(java.time.Instant::parse));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "1.5", ""})
    void list_shouldAnswer400NamingLimit_whenLimitIsOutOfRange(String limit) {
        // when
        JsonNode response = list(newCustomer(), Map.of("limit", limit));
        // then
        assertThat(problem(response, 400).path("field").asText()).isEqualTo("limit");
    }

    // ---- cancel ----

    @Test
    void cancel_shouldCancelAndEmitOneOrderCancelled_whenOwnPendingOrderIsCancelledTwice() {
        // given
        Who who = newCustomer();
        String orderId = placed(who);
        // when
        JsonNode first = cancel(who, orderId);
        JsonNode second = cancel(who, orderId);
        // then
        assertThat(status(first)).isEqualTo(200);
        assertThat(body(first).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(body(first).path("cancellationReason").asText()).isEqualTo("CUSTOMER_CANCELLED");
        assertThat(status(second)).isEqualTo(200);
        assertThat(body(second).path("status").asText()).isEqualTo("CANCELLED");
        Order stored = h.order(orderId);
        assertThat(stored.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(stored.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
        assertThat(stored.version()).isEqualTo(2);
        List<JsonNode> events = h.outbox("OrderCancelled", orderId);
        assertThat(events).hasSize(1);
        JsonNode data = events.get(0).path("data");
        assertThat(data.path("previousStatus").asText()).isEqualTo("PENDING");
        assertThat(data.path("reason").asText()).isEqualTo("CUSTOMER_CANCELLED");
        assertThat(data.path("customerId").asText()).isEqualTo(who.sub());
        assertThat(data.path("lines")).hasSize(2);
    }

    @Test
    void cancel_shouldAnswer404AndChangeNothing_whenOrderBelongsToAnotherCustomer() {
        // given
        String orderId = placed(newCustomer());
        String before = h.snapshot();
        // when
        JsonNode response = cancel(newCustomer(), orderId);
        // then
        problem(response, 404);
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.order(orderId).status()).isEqualTo(OrderStatus.PENDING);
    }

    // ---- bad input: 4xx naming the field, nothing written (order, outbox, idempotency) ----

    private static String lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> "{\"sku\":\"s" + i + "\",\"quantity\":1}").collect(Collectors.joining(",", "[", "]"));
    }

    private static String order(String lines) {
        return "{\"lines\":" + lines + ",\"payment\":{\"token\":\"tok_ok\"}}";
    }

    static Stream<Arguments> badPlacements() {
        String pay = ",\"payment\":{\"token\":\"tok_ok\"}}";
        return Stream.of(
                arguments("malformed JSON", JSON, "{\"lines\":[", 400, "body"),
                arguments("not an object", JSON, "[1,2]", 400, "body"),
                arguments("duplicate key", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"lines\":[]" + pay, 400, "body"),
                arguments("deeply nested body", JSON, "{\"lines\":" + "[".repeat(5000) + "]".repeat(5000) + pay, 400, "body"),
                arguments("number with 5000 digits", JSON, order("[{\"sku\":\"mug\",\"quantity\":" + "9".repeat(5000) + "}]"), 400, "body"),
                arguments("missing lines", JSON, "{\"payment\":{\"token\":\"tok_ok\"}}", 400, "lines"),
                arguments("lines not an array", JSON, "{\"lines\":{\"sku\":\"mug\"}" + pay, 400, "lines"),
                arguments("empty lines", JSON, order("[]"), 400, "lines"),
                arguments("26 lines", JSON, order(lines(26)), 400, "lines"),
                arguments("line not an object", JSON, order("[\"mug\"]"), 400, "lines[0]"),
                arguments("quantity 0", JSON, order("[{\"sku\":\"mug\",\"quantity\":0}]"), 400, "lines[0].quantity"),
                arguments("quantity 101", JSON, order("[{\"sku\":\"mug\",\"quantity\":101}]"), 400, "lines[0].quantity"),
                arguments("quantity negative", JSON, order("[{\"sku\":\"mug\",\"quantity\":-1}]"), 400, "lines[0].quantity"),
                arguments("quantity as string", JSON, order("[{\"sku\":\"mug\",\"quantity\":\"1\"}]"), 400, "lines[0].quantity"),
                arguments("quantity fractional", JSON, order("[{\"sku\":\"mug\",\"quantity\":1.5}]"), 400, "lines[0].quantity"),
                arguments("quantity missing", JSON, order("[{\"sku\":\"mug\"}]"), 400, "lines[0].quantity"),
                arguments("quantity huge", JSON, order("[{\"sku\":\"mug\",\"quantity\":1e400}]"), 400, "lines[0].quantity"),
                arguments("second line quantity", JSON, order("[{\"sku\":\"mug\",\"quantity\":1},{\"sku\":\"tea\",\"quantity\":0}]"), 400, "lines[1].quantity"),
                arguments("sku missing", JSON, order("[{\"quantity\":1}]"), 400, "lines[0].sku"),
                arguments("sku bad chars", JSON, order("[{\"sku\":\"mug\",\"quantity\":1},{\"sku\":\"t e a\",\"quantity\":1}]"), 400, "lines[1].sku"),
                arguments("sku too long", JSON, order("[{\"sku\":\"" + "m".repeat(65) + "\",\"quantity\":1}]"), 400, "lines[0].sku"),
                arguments("sku not a string", JSON, order("[{\"sku\":7,\"quantity\":1}]"), 400, "lines[0].sku"),
                arguments("duplicate sku lines", JSON, order("[{\"sku\":\"mug\",\"quantity\":1},{\"sku\":\"mug\",\"quantity\":2}]"), 400, "lines[1].sku"),
                arguments("unknown line field", JSON, order("[{\"sku\":\"mug\",\"quantity\":1,\"price\":1}]"), 400, "lines[0].price"),
                arguments("unknown sku", JSON, order("[{\"sku\":\"mug\",\"quantity\":1},{\"sku\":\"no-such-sku\",\"quantity\":1}]"), 422, "lines[1].sku"),
                arguments("mixed currencies", JSON, order("[{\"sku\":\"mug\",\"quantity\":1},{\"sku\":\"cap\",\"quantity\":1}]"), 422, "lines[1].sku"),
                arguments("missing payment", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}]}", 400, "payment"),
                arguments("payment not an object", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"payment\":\"tok_ok\"}", 400, "payment"),
                arguments("token missing", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"payment\":{}}", 400, "payment.token"),
                arguments("token bad chars", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"payment\":{\"token\":\"4242 4242 4242 4242\"}}", 400, "payment.token"),
                arguments("token too long", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"payment\":{\"token\":\"" + "t".repeat(129) + "\"}}", 400, "payment.token"),
                arguments("unknown payment field", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"payment\":{\"token\":\"tok_ok\",\"cvv\":\"123\"}}", 400, "payment.cvv"),
                arguments("unknown field", JSON, "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"total\":1" + pay, 400, "total"),
                arguments("wrong content type", "text/plain", VALID, 415, "content-type"),
                arguments("body over 16 KiB", JSON, VALID.replace("tok_visa_4242", "tok") + " ".repeat(16 * 1024), 413, "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPlacements")
    void place_shouldAnswerProblemNamingTheFieldAndWriteNothing_whenInputIsBad(String why, String contentType, String body,
                                                                              int expectedStatus, String field) {
        // given: an Idempotency-Key too, so that a leftover idempotency record would show
        Who who = newCustomer();
        String before = h.snapshot();
        // when
        JsonNode response = post(who, body, Map.of("content-type", contentType, "Idempotency-Key", "k-" + UUID.randomUUID()));
        // then
        assertThat(problem(response, expectedStatus).path("field").asText()).isEqualTo(field);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "tab\tkey", "é-non-ascii", ""})
    void place_shouldAnswer400NamingTheHeaderAndWriteNothing_whenIdempotencyKeyIsMalformed(String key) {
        // given
        String before = h.snapshot();
        Map<String, String> headers = new HashMap<>(Map.of("content-type", JSON, "Idempotency-Key", key));
        // when
        JsonNode response = post(newCustomer(), VALID, headers);
        JsonNode tooLong = post(newCustomer(), VALID, Map.of("content-type", JSON, "Idempotency-Key", "k".repeat(129)));
        // then
        assertThat(problem(response, 400).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(problem(tooLong, 400).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void place_shouldAnswer401AndWriteNothing_whenCallerIsAnonymous() {
        // given
        String before = h.snapshot();
        // when
        JsonNode response = post(Who.ANONYMOUS, VALID);
        // then
        problem(response, 401);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void place_shouldNeverAnswer5xxOrThrow_whenBodiesAreRandomlyMutated() {
        // given
        Who who = newCustomer();
        for (String body : BodyMutations.of(VALID, 7, 250)) {
            // when
            JsonNode response = post(who, body);
            // then
            assertThat(status(response)).as(body).isBetween(200, 499);
        }
    }
}

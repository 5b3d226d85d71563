package dev.meridian.orders.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.contracts.orders.CancelRequested;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;
import dev.meridian.orders.adapters.DynamoCatalog;
import dev.meridian.orders.app.OrderRepository;
import dev.meridian.orders.app.OrdersService;
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

import java.util.ArrayList;
import java.util.Collections;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.meridian.orders.support.TestEvents.failures;
import static dev.meridian.orders.support.TestEvents.invoke;
import static dev.meridian.orders.support.TestEvents.paymentCaptured;
import static dev.meridian.orders.support.TestEvents.reservationExpired;
import static dev.meridian.orders.support.TestEvents.sqs;
import static org.assertj.core.api.Assertions.assertThat;

/** Duplicates and competing outcomes delivered at the same time: one order, one event per state change. */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderConcurrencyTest {

    private static final String BODY = "{\"lines\":[{\"sku\":\"mug\",\"quantity\":1}],\"payment\":{\"token\":\"tok_ok\"}}";

    private OrdersHarness h;
    private OrdersApiHandler api;
    private OrderEventsHandler events;

    @BeforeAll
    void createTables() {
        h = new OrdersHarness("orders-race");
        api = new OrdersApiHandler(h.service, h.idempotency, h.health(TestEvents.REGION));
        events = new OrderEventsHandler(h.service);
        h.product("mug", 1250, "EUR");
    }

    private JsonNode post(Who who, String key) {
        return invoke(api, TestEvents.http("POST", "POST /orders", "/orders", Map.of(), Map.of(), who,
                Map.of("content-type", "application/json", "Idempotency-Key", key), BODY));
    }

    private JsonNode cancel(Who who, String orderId) {
        return invoke(api, TestEvents.http("POST", "POST /orders/{orderId}/cancel", "/orders/" + orderId + "/cancel",
                Map.of("orderId", orderId), Map.of(), who, Map.of(), null));
    }

    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void place_shouldCreateOneOrderAndOneEvent_whenTheSameIdempotencyKeyArrivesTenTimesAtOnce() throws Exception {
        // given
        Who who = Who.customer("cust-" + UUID.randomUUID());
        String key = "double-click-" + UUID.randomUUID();
        // when
        List<JsonNode> responses = race(Collections.nCopies(10, () -> post(who, key)));
        // then: each answer is the order (202) or "still in progress, retry" (409); never a second order
        List<String> orderIds = new ArrayList<>();
        for (JsonNode r : responses) {
            int status = r.path("statusCode").asInt();
            assertThat(status).as(r.toString()).isIn(202, 409);
            if (status == 409) {
                // when the running attempt's claim lapses: the client waits that long instead of polling
                assertThat(r.path("headers").path("retry-after").asInt()).as(r.toString()).isBetween(1, 32);
            }
            if (status == 202) {
                orderIds.add(Json.parseTrusted(r.path("body").asText()).path("orderId").asText());
            }
        }
        assertThat(orderIds).isNotEmpty();
        assertThat(orderIds).containsOnly(orderIds.get(0));
        assertThat(h.repository.byCustomer(who.sub(), 10)).hasSize(1);
        assertThat(h.outbox("OrderPlaced", orderIds.get(0))).hasSize(1);
        // and the retry after the race replays it
        JsonNode retry = post(who, key);
        assertThat(Json.parseTrusted(retry.path("body").asText()).path("orderId").asText()).isEqualTo(orderIds.get(0));
    }

    @Test
    void saga_shouldEmitOneEventPerStateChange_whenCaptureExpiryAndCancelRaceOnOneOrder() throws Exception {
        for (int round = 0; round < 3; round++) {
            // given
            Who who = Who.customer("cust-" + UUID.randomUUID());
            String orderId = Json.parseTrusted(post(who, "k-" + UUID.randomUUID()).path("body").asText()).path("orderId").asText();
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> "capture:" + failures(invoke(events, sqs(paymentCaptured(orderId, 1250)))));
                tasks.add(() -> "expiry:" + failures(invoke(events, sqs(reservationExpired(orderId)))));
                tasks.add(() -> "cancel:" + cancel(who, orderId).path("statusCode").asInt());
            }
            // when
            List<String> outcomes = race(tasks);
            // then: no request failed, no message needs a retry
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isIn("capture:[]", "expiry:[]", "cancel:200"));
            assertThat(violations(orderId)).isEmpty();
            Order order = h.order(orderId);
            assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
            long statusChanges = 1 + h.outbox("OrderConfirmed", orderId).size();
            // one event per status change (plus OrderPlaced and PaymentRequested); payment-only changes add a version but no event
            assertThat(h.outboxTypes(orderId)).hasSize(2 + (int) statusChanges);
            assertThat(order.version()).isBetween(1 + statusChanges, 2 + statusChanges);
        }
    }

    @Test
    void violations_shouldReportContradiction_whenUpdatesOverwriteBlindlyInsteadOfCheckingTheVersion() throws Exception {
        // given: the same handlers over a repository that decides from a read, waits until the
        // competitor has read too, then overwrites whatever is stored (last writer wins)
        CountDownLatch bothDecided = new CountDownLatch(2);
        OrdersService naive = new OrdersService(new BlindOverwrites(h.repository, bothDecided),
                new DynamoCatalog(h.dynamoDb, h.inventoryTable), h.clock, TestEvents.REGION);
        OrdersApiHandler naiveApi = new OrdersApiHandler(naive, h.idempotency, h.health(TestEvents.REGION));
        OrderEventsHandler naiveEvents = new OrderEventsHandler(naive);
        Who who = Who.customer("cust-" + UUID.randomUUID());
        String orderId = Json.parseTrusted(post(who, "k-" + UUID.randomUUID()).path("body").asText()).path("orderId").asText();
        // when: the capture and the customer's cancel race
        race(List.<Callable<Object>>of(
                () -> invoke(naiveEvents, sqs(paymentCaptured(orderId, 1250))),
                () -> invoke(naiveApi, TestEvents.http("POST", "POST /orders/{orderId}/cancel", "/orders/" + orderId + "/cancel",
                        Map.of("orderId", orderId), Map.of(), who, Map.of(), null))));
        // then: the check that passes above catches the lost update
        assertThat(violations(orderId)).isNotEmpty();
    }

    /**
     * The order and its events must tell one story: at most one OrderConfirmed and one OrderCancelled;
     * the order is CANCELLED exactly when an OrderCancelled was emitted; a CONFIRMED order has its
     * OrderConfirmed; an OrderCancelled names the status it really left.
     */
    private List<String> violations(String orderId) {
        List<String> violations = new ArrayList<>();
        Order order = h.order(orderId);
        List<JsonNode> confirmed = h.outbox("OrderConfirmed", orderId);
        List<JsonNode> cancelled = h.outbox("OrderCancelled", orderId);
        if (confirmed.size() > 1 || cancelled.size() > 1) {
            violations.add(confirmed.size() + " OrderConfirmed and " + cancelled.size() + " OrderCancelled for one order");
        }
        if ((order.status() == OrderStatus.CANCELLED) != (cancelled.size() == 1)) {
            violations.add("order is " + order.status() + " but " + cancelled.size() + " OrderCancelled were emitted");
        }
        if (order.status() == OrderStatus.CONFIRMED && confirmed.isEmpty()) {
            violations.add("order is CONFIRMED without an OrderConfirmed");
        }
        if (cancelled.size() == 1) {
            String previous = cancelled.get(0).path("data").path("previousStatus").asText();
            String expected = confirmed.isEmpty() ? "PENDING" : "CONFIRMED";
            if (!previous.equals(expected)) {
                violations.add("OrderCancelled says it left " + previous + " but " + confirmed.size() + " OrderConfirmed were emitted");
            }
        }
        return violations;
    }

    /** Test-only broken repository: update() waits for the competitor, then rebases onto the stored version blindly. */
    private static final class BlindOverwrites implements OrderRepository {
        private final OrderRepository real;
        private final CountDownLatch bothDecided;

        BlindOverwrites(OrderRepository real, CountDownLatch bothDecided) {
            this.real = real;
            this.bothDecided = bothDecided;
        }

        @Override
        public Optional<Order> find(String orderId) {
            return real.find(orderId);
        }

        @Override
        public List<Order> byCustomer(String customerId, int limit) {
            return real.byCustomer(customerId, limit);
        }

        @Override
        public boolean create(Order order, List<DomainEvent> placed) {
            return real.create(order, placed);
        }

        @Override
        public boolean recordCancelRequest(CancelRequested request, Instant requestedAt, DomainEvent event) {
            return real.recordCancelRequest(request, requestedAt, event);
        }

        @Override
        public boolean update(Order next, DomainEvent event) {
            bothDecided.countDown();
            try {
                bothDecided.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // an unconditional put, in effect: whatever version is stored now is overwritten
            synchronized (this) {
                long stored = real.find(next.orderId()).orElseThrow().version();
                Order rebased = new Order(next.orderId(), next.customerId(), next.lines(), next.total(), next.currency(), next.status(),
                        next.paymentStatus(), next.cancellationReason(), stored + 1, next.homeRegion(), next.createdAt(), next.updatedAt());
                return real.update(rebased, event);
            }
        }
    }
}

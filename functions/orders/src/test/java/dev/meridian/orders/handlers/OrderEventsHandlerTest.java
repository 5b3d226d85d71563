package dev.meridian.orders.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.orders.app.PlaceOrder;
import dev.meridian.orders.domain.CancellationReason;
import dev.meridian.orders.domain.Order;
import dev.meridian.orders.domain.OrderStatus;
import dev.meridian.orders.domain.PaymentStatus;
import dev.meridian.orders.support.OrdersHarness;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static dev.meridian.orders.support.TestEvents.eventBridge;
import static dev.meridian.orders.support.TestEvents.failures;
import static dev.meridian.orders.support.TestEvents.inventoryRejected;
import static dev.meridian.orders.support.TestEvents.invoke;
import static dev.meridian.orders.support.TestEvents.paymentCaptured;
import static dev.meridian.orders.support.TestEvents.paymentFailed;
import static dev.meridian.orders.support.TestEvents.paymentRefunded;
import static dev.meridian.orders.support.TestEvents.reservationExpired;
import static dev.meridian.orders.support.TestEvents.sqs;
import static org.assertj.core.api.Assertions.assertThat;

/** The order side of the saga through the SQS handler: SQS records whose bodies are EventBridge events. */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderEventsHandlerTest {

    private OrdersHarness h;
    private OrderEventsHandler handler;

    @BeforeAll
    void createTables() {
        h = new OrdersHarness("orders-events");
        handler = new OrderEventsHandler(h.service);
        h.product("mug", 1250, "EUR");
    }

    /** A PENDING order for 2 mugs (total 2500), placed through the service. */
    private String pendingOrder() {
        return h.service.place(new PlaceOrder("cust-" + UUID.randomUUID(), List.of(new PlaceOrder.Line("mug", 2)),
                "tok_ok", null, null)).orderId();
    }

    private JsonNode deliver(Object... bodies) {
        return invoke(handler, sqs(bodies));
    }

    @Test
    void onPaymentCaptured_shouldConfirmAndEmitOneOrderConfirmed_whenOrderIsPending() {
        // given
        String orderId = pendingOrder();
        // when
        JsonNode response = deliver(paymentCaptured(orderId, 2500));
        // then
        assertThat(failures(response)).isEmpty();
        Order order = h.order(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.paymentStatus()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(order.version()).isEqualTo(2);
        List<JsonNode> confirmed = h.outbox("OrderConfirmed", orderId);
        assertThat(confirmed).hasSize(1);
        assertThat(confirmed.get(0).path("data").path("lines").get(0).path("sku").asText()).isEqualTo("mug");
        assertThat(confirmed.get(0).path("data").path("lines").get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(confirmed.get(0).path("traceparent").asText()).startsWith("00-0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void onPaymentCaptured_shouldChangeNothing_whenDeliveredAgain() {
        // given
        String orderId = pendingOrder();
        deliver(paymentCaptured(orderId, 2500));
        Order before = h.order(orderId);
        // when: redelivered, alone and twice within one batch
        JsonNode again = deliver(paymentCaptured(orderId, 2500));
        JsonNode twiceInBatch = deliver(paymentCaptured(orderId, 2500), paymentCaptured(orderId, 2500));
        // then
        assertThat(failures(again)).isEmpty();
        assertThat(failures(twiceInBatch)).isEmpty();
        assertThat(h.order(orderId)).isEqualTo(before);
        assertThat(h.outboxTypes(orderId)).containsExactlyInAnyOrder("OrderPlaced", "PaymentRequested", "OrderConfirmed");
    }

    @Test
    void cancel_shouldEmitOrderCancelledFromConfirmed_whenCustomerCancelsAConfirmedOrder() {
        // given
        String orderId = pendingOrder();
        deliver(paymentCaptured(orderId, 2500));
        // when
        Order cancelled = h.service.cancel(h.order(orderId).customerId(), orderId).order();
        deliver(paymentCaptured(orderId, 2500));
        // then: cancelled by the customer, the capture kept on record so that payments refunds it
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        Order order = h.order(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
        assertThat(order.paymentStatus()).isEqualTo(PaymentStatus.CAPTURED);
        List<JsonNode> events = h.outbox("OrderCancelled", orderId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("data").path("previousStatus").asText()).isEqualTo("CONFIRMED");
        assertThat(h.outboxTypes(orderId)).containsExactlyInAnyOrder("OrderPlaced", "PaymentRequested", "OrderConfirmed", "OrderCancelled");
    }

    @Test
    void onPaymentFailed_shouldCancelWithPaymentDeclinedAndEmitOrderCancelled_whenOrderIsPending() {
        // given
        String orderId = pendingOrder();
        // when
        JsonNode response = deliver(paymentFailed(orderId));
        deliver(paymentFailed(orderId));
        // then
        assertThat(failures(response)).isEmpty();
        Order order = h.order(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.PAYMENT_DECLINED);
        assertThat(order.paymentStatus()).isEqualTo(PaymentStatus.DECLINED);
        List<JsonNode> cancelled = h.outbox("OrderCancelled", orderId);
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).path("data").path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(cancelled.get(0).path("data").path("previousStatus").asText()).isEqualTo("PENDING");
    }

    @Test
    void onInventoryRejected_shouldCancelOutOfStock_whenOrderIsPending() {
        // given
        String orderId = pendingOrder();
        // when
        JsonNode response = deliver(inventoryRejected(orderId, "mug"));
        // then
        assertThat(failures(response)).isEmpty();
        Order order = h.order(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.OUT_OF_STOCK);
        List<JsonNode> cancelled = h.outbox("OrderCancelled", orderId);
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).path("data").path("reason").asText()).isEqualTo("OUT_OF_STOCK");
    }

    @Test
    void onReservationExpired_shouldChangeNothing_whenOrderIsAlreadyConfirmed() {
        // given
        String orderId = pendingOrder();
        deliver(paymentCaptured(orderId, 2500));
        Order confirmed = h.order(orderId);
        // when
        JsonNode response = deliver(reservationExpired(orderId));
        // then
        assertThat(failures(response)).isEmpty();
        assertThat(h.order(orderId)).isEqualTo(confirmed);
        assertThat(h.outbox("OrderCancelled", orderId)).isEmpty();
    }

    @Test
    void onReservationExpired_shouldCancelAndLateCaptureOnlyRecordsThePayment_whenOrderIsPending() {
        // given
        String orderId = pendingOrder();
        // when: expiry wins, then the capture arrives late
        deliver(reservationExpired(orderId));
        JsonNode late = deliver(paymentCaptured(orderId, 2500));
        // then: still cancelled (the cancellation drives the refund), no confirmation
        assertThat(failures(late)).isEmpty();
        Order order = h.order(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.RESERVATION_EXPIRED);
        assertThat(order.paymentStatus()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(h.outboxTypes(orderId)).containsExactlyInAnyOrder("OrderPlaced", "PaymentRequested", "OrderCancelled");
    }

    @Test
    void onPaymentRefunded_shouldStayRefunded_whenItArrivesBeforePaymentCapturedOnACancelledOrder() {
        // given: the customer cancelled; payments captured then refunded, but the refund overtakes the capture
        String orderId = pendingOrder();
        Order cancelled = h.service.cancel(h.order(orderId).customerId(), orderId).order();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        // when
        JsonNode refund = deliver(paymentRefunded(orderId, 2500));
        JsonNode lateCapture = deliver(paymentCaptured(orderId, 2500));
        // then
        assertThat(failures(refund)).isEmpty();
        assertThat(failures(lateCapture)).isEmpty();
        Order order = h.order(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.cancellationReason()).isEqualTo(CancellationReason.CUSTOMER_CANCELLED);
        assertThat(order.paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(h.outboxTypes(orderId)).containsExactlyInAnyOrder("OrderPlaced", "PaymentRequested", "OrderCancelled");
    }

    @Test
    void handleRequest_shouldReportOnlyTheMalformedMessage_whenOneBodyInTheBatchIsBad() {
        // given
        String first = pendingOrder();
        String second = pendingOrder();
        // when
        JsonNode response = deliver(paymentCaptured(first, 2500), "{\"detail-type\": oops", paymentFailed(second),
                eventBridge("meridian.payments", "PaymentCaptured", "no-order-id", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        // then
        assertThat(failures(response)).containsExactly("m1", "m3");
        assertThat(h.order(first).status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(h.order(second).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void handleRequest_shouldFailTheMessageForRetry_whenTheOrderIsUnknown() {
        // given
        String unknown = "ord-" + UUID.randomUUID().toString().replace("-", "");
        // when
        JsonNode response = deliver(paymentCaptured(unknown, 2500));
        // then: not silently dropped (retried, then kept in the DLQ), nothing written
        assertThat(failures(response)).containsExactly("m0");
        assertThat(h.repository.find(unknown)).isEmpty();
        assertThat(h.outboxTypes(unknown)).isEmpty();
    }

    @Test
    void handleRequest_shouldFailTheMessage_whenTheEventTypeIsNotOneOrdersConsumes() {
        // given
        String orderId = pendingOrder();
        Order before = h.order(orderId);
        // when
        JsonNode response = deliver(eventBridge("meridian.orders", "OrderPlaced", "loop-" + orderId,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("orderId", orderId)));
        // then
        assertThat(failures(response)).containsExactly("m0");
        assertThat(h.order(orderId)).isEqualTo(before);
    }
}

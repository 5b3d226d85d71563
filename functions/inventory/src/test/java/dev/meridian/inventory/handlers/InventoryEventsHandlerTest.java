package dev.meridian.inventory.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.inventory.domain.ReservationStatus;
import dev.meridian.inventory.domain.Stock;
import dev.meridian.inventory.support.InventoryHarness;
import dev.meridian.inventory.support.StockInvariant;
import dev.meridian.inventory.support.TestEvents;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static dev.meridian.inventory.support.TestEvents.failures;
import static dev.meridian.inventory.support.TestEvents.invoke;
import static dev.meridian.inventory.support.TestEvents.orderCancelled;
import static dev.meridian.inventory.support.TestEvents.orderConfirmed;
import static dev.meridian.inventory.support.TestEvents.orderPlaced;
import static dev.meridian.inventory.support.TestEvents.sqs;
import static org.assertj.core.api.Assertions.assertThat;

/** The inventory side of the saga, through the SQS handler, on DynamoDB Local. */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InventoryEventsHandlerTest {

    private InventoryHarness h;
    private InventoryEventsHandler handler;

    @BeforeAll
    void createTables() {
        h = new InventoryHarness("inv-events");
        handler = new InventoryEventsHandler(h.service);
    }

    private static String sku(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String orderId() {
        return "ord-" + UUID.randomUUID().toString().replace("-", "");
    }

    private JsonNode deliver(JsonNode... events) {
        return invoke(handler, sqs((Object[]) events));
    }

    private void assertInvariant(String... skus) {
        for (String sku : skus) {
            assertThat(StockInvariant.violations(h.dynamoDb, h.inventoryTable, sku, TestEvents.REGION)).as(sku).isEmpty();
        }
    }

    @Test
    void onOrderPlaced_shouldReserveEveryLineAndEmitOneInventoryReserved_whenStockSuffices() {
        // given
        String a = sku("a"), b = sku("b"), order = orderId();
        h.product(a, 10);
        h.product(b, 5);
        // when
        JsonNode response = deliver(orderPlaced(order, a, 3, b, 2));
        // then
        assertThat(failures(response)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(7, 3, 0, 10));
        assertThat(h.stock(b)).isEqualTo(new Stock(3, 2, 0, 5));
        var reservation = h.reservation(order).orElseThrow();
        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reservation.expiresAt()).isEqualTo(h.clock.instant().plus(InventoryHarness.RESERVATION_TTL));
        var reserved = h.outbox("InventoryReserved", order);
        assertThat(reserved).hasSize(1);
        JsonNode data = reserved.get(0).path("data");
        // only what inventory owns: the reservation's order, lines and expiry (no total, currency or token forwarded)
        assertThat(data.has("paymentToken") || data.has("total") || data.has("currency") || data.has("customerId")).isFalse();
        assertThat(data.path("lines")).hasSize(2);
        assertThat(data.path("expiresAt").asText()).isEqualTo(reservation.expiresAt().toString());
        assertThat(reserved.get(0).path("region").asText()).isEqualTo(TestEvents.REGION);
        assertThat(h.outboxTypes(order)).containsExactly("InventoryReserved");
        assertInvariant(a, b);
    }

    @Test
    void onOrderPlaced_shouldReserveNothingAndEmitInventoryRejectedNamingTheSku_whenOneLineIsShort() {
        // given
        String plenty = sku("plenty"), scarce = sku("scarce"), order = orderId();
        h.product(plenty, 10);
        h.product(scarce, 1);
        // when
        JsonNode response = deliver(orderPlaced(order, plenty, 3, scarce, 2));
        // then: atomic — the line that fit was not reserved either
        assertThat(failures(response)).isEmpty();
        assertThat(h.stock(plenty)).isEqualTo(new Stock(10, 0, 0, 10));
        assertThat(h.stock(scarce)).isEqualTo(new Stock(1, 0, 0, 1));
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.REJECTED);
        var rejected = h.outbox("InventoryRejected", order);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("data").path("reason").asText()).isEqualTo("OUT_OF_STOCK");
        assertThat(rejected.get(0).path("data").path("skus")).extracting(JsonNode::asText).containsExactly(scarce);
        assertThat(h.outboxTypes(order)).containsExactly("InventoryRejected");
        assertInvariant(plenty, scarce);
    }

    @Test
    void onOrderPlaced_shouldRejectNamingTheSku_whenTheSkuWasNeverStockedInThisRegion() {
        // given: a product without any allocation item
        String unstocked = sku("unstocked"), order = orderId();
        h.product(unstocked, 0);
        // when
        JsonNode response = deliver(orderPlaced(order, unstocked, 1));
        // then
        assertThat(failures(response)).isEmpty();
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(h.outbox("InventoryRejected", order).get(0).path("data").path("skus"))
                .extracting(JsonNode::asText).containsExactly(unstocked);
    }

    @Test
    void onOrderPlaced_shouldMoveStockOnceAndEmitOneEvent_whenDeliveredTwice() {
        // given
        String a = sku("dup"), order = orderId();
        h.product(a, 10);
        // when: the same message twice in one batch, then once more in a later batch
        JsonNode first = deliver(orderPlaced(order, a, 4), orderPlaced(order, a, 4));
        JsonNode again = deliver(orderPlaced(order, a, 4));
        // then
        assertThat(failures(first)).isEmpty();
        assertThat(failures(again)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(6, 4, 0, 10));
        assertThat(h.outbox("InventoryReserved", order)).hasSize(1);
        assertThat(h.outboxTypes(order)).containsExactly("InventoryReserved");
        assertInvariant(a);
    }

    @Test
    void onOrderPlaced_shouldNotEmitInventoryRejected_whenRedeliveredAfterItsOwnReservationTookTheLastUnits() {
        // given: the order took exactly the whole stock
        String a = sku("exact"), order = orderId();
        h.product(a, 3);
        deliver(orderPlaced(order, a, 3));
        // when: redelivered, the stock now looks short — but the order is already decided
        JsonNode response = deliver(orderPlaced(order, a, 3));
        // then
        assertThat(failures(response)).isEmpty();
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(h.stock(a)).isEqualTo(new Stock(0, 3, 0, 3));
        assertThat(h.outboxTypes(order)).containsExactly("InventoryReserved");
        assertInvariant(a);
    }

    @Test
    void onOrderPlaced_shouldNotReserveAgain_whenRejectedOrderIsDeliveredAgainAfterRestock() {
        // given: rejected while short
        String a = sku("late-stock"), order = orderId();
        h.product(a, 1);
        deliver(orderPlaced(order, a, 2));
        h.repository.restock(a, 10, null);
        // when: the same OrderPlaced is redelivered once stock exists
        JsonNode response = deliver(orderPlaced(order, a, 2));
        // then: the decision stands; one event, no stock moved
        assertThat(failures(response)).isEmpty();
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(h.stock(a)).isEqualTo(new Stock(11, 0, 0, 11));
        assertThat(h.outboxTypes(order)).containsExactly("InventoryRejected");
    }

    @Test
    void onOrderPlaced_shouldMergeLines_whenTheSameSkuAppearsTwice() {
        // given
        String a = sku("merge"), order = orderId();
        h.product(a, 5);
        // when
        JsonNode response = deliver(orderPlaced(order, a, 2, a, 3));
        // then
        assertThat(failures(response)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(0, 5, 0, 5));
        assertInvariant(a);
    }

    @Test
    void onOrderPlaced_shouldReserveNothing_whenOrderIsHomedInAnotherRegion() {
        // given
        String a = sku("foreign"), order = orderId();
        h.product(a, 5);
        JsonNode placed = TestEvents.eventBridge("meridian.orders", "OrderPlaced", "placed-" + order, "eu-west-1",
                orderPlaced(order, a, 1).path("detail").path("data"));
        // when
        JsonNode response = deliver(placed);
        // then
        assertThat(failures(response)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(5, 0, 0, 5));
        assertThat(h.reservation(order)).isEmpty();
        assertThat(h.outboxTypes(order)).isEmpty();
    }

    @Test
    void onOrderConfirmed_shouldMoveReservedToSold_andChangeNothing_whenDeliveredTwice() {
        // given
        String a = sku("confirm"), order = orderId();
        h.product(a, 10);
        deliver(orderPlaced(order, a, 3));
        // when
        JsonNode first = deliver(orderConfirmed(order, a, 3));
        Stock afterFirst = h.stock(a);
        JsonNode second = deliver(orderConfirmed(order, a, 3));
        // then
        assertThat(failures(first)).isEmpty();
        assertThat(failures(second)).isEmpty();
        assertThat(afterFirst).isEqualTo(new Stock(7, 0, 3, 10));
        assertThat(h.stock(a)).isEqualTo(afterFirst);
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.SOLD);
        assertThat(h.outboxTypes(order)).containsExactly("InventoryReserved");
        assertInvariant(a);
    }

    @Test
    void onOrderConfirmed_shouldFailTheMessageForRetry_whenItArrivesBeforeTheReservation() {
        // given
        String a = sku("early-confirm"), order = orderId();
        h.product(a, 10);
        // when: confirmed first (out of order)
        JsonNode early = deliver(orderConfirmed(order, a, 3));
        // then: reported as a batch item failure (redelivered later), nothing changed
        assertThat(failures(early)).containsExactly("m0");
        assertThat(h.stock(a)).isEqualTo(new Stock(10, 0, 0, 10));
        assertThat(h.reservation(order)).isEmpty();

        // and when the reservation exists, the redelivered confirmation lands
        deliver(orderPlaced(order, a, 3));
        JsonNode redelivered = deliver(orderConfirmed(order, a, 3));
        assertThat(failures(redelivered)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(7, 0, 3, 10));
        assertInvariant(a);
    }

    @Test
    void onOrderCancelled_shouldReleaseReservedStock_whenReservationIsReserved() {
        // given
        String a = sku("release"), order = orderId();
        h.product(a, 10);
        deliver(orderPlaced(order, a, 4));
        // when: cancelled, and the cancellation delivered twice
        JsonNode first = deliver(orderCancelled(order, "PENDING", a, 4));
        JsonNode second = deliver(orderCancelled(order, "PENDING", a, 4));
        // then: released once
        assertThat(failures(first)).isEmpty();
        assertThat(failures(second)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(10, 0, 0, 10));
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertInvariant(a);
    }

    @Test
    void onOrderCancelled_shouldReturnSoldStockToAvailable_whenOrderWasConfirmedThenCancelled() {
        // given
        String a = sku("unsell"), order = orderId();
        h.product(a, 10);
        deliver(orderPlaced(order, a, 4));
        deliver(orderConfirmed(order, a, 4));
        // when
        JsonNode response = deliver(orderCancelled(order, "CONFIRMED", a, 4));
        deliver(orderCancelled(order, "CONFIRMED", a, 4));
        // then
        assertThat(failures(response)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(10, 0, 0, 10));
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertInvariant(a);
    }

    @Test
    void onOrderCancelled_shouldLeaveStock_whenReservationWasRejected() {
        // given
        String a = sku("cancel-rejected"), order = orderId();
        h.product(a, 1);
        deliver(orderPlaced(order, a, 5));
        // when
        JsonNode response = deliver(orderCancelled(order, "PENDING", a, 5));
        // then: nothing was held, so nothing is given back
        assertThat(failures(response)).isEmpty();
        assertThat(h.stock(a)).isEqualTo(new Stock(1, 0, 0, 1));
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.REJECTED);
        assertInvariant(a);
    }

    @Test
    void onOrderCancelled_shouldWriteTombstoneSoLateOrderPlacedReservesNothing_whenCancelArrivesFirst() {
        // given
        String a = sku("tombstone"), order = orderId();
        h.product(a, 10);
        // when: the cancellation overtakes the placement
        JsonNode cancel = deliver(orderCancelled(order, "PENDING", a, 2));
        JsonNode latePlaced = deliver(orderPlaced(order, a, 2));
        JsonNode lateConfirmed = deliver(orderConfirmed(order, a, 2));
        // then
        assertThat(failures(cancel)).isEmpty();
        assertThat(failures(latePlaced)).isEmpty();
        assertThat(failures(lateConfirmed)).isEmpty();
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(h.stock(a)).isEqualTo(new Stock(10, 0, 0, 10));
        assertThat(h.outboxTypes(order)).isEmpty();
        assertInvariant(a);
    }

    @Test
    void handleRequest_shouldReportOnlyTheBadMessage_whenOneBodyInTheBatchIsMalformed() {
        // given
        String a = sku("batch"), order = orderId();
        h.product(a, 10);
        // when
        deliver(orderPlaced(order, a, 1));
        JsonNode mixed = invoke(handler, sqs(orderPlaced(orderId(), a, 1), "{not json", orderPlaced(orderId(), a, 1),
                "{\"source\":\"meridian.orders\"}"));
        // then
        assertThat(failures(mixed)).containsExactly("m1", "m3");
        assertThat(h.stock(a)).isEqualTo(new Stock(7, 3, 0, 10));
        assertInvariant(a);
    }
}

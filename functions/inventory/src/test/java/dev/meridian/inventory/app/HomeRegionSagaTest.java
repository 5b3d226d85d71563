package dev.meridian.inventory.app;

import dev.meridian.common.contracts.Line;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.contracts.orders.OrderPlaced;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.inventory.adapters.DynamoInventoryRepository;
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

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saga events about an order homed in us-east-1, delivered to eu-west-1's inventory (over the
 * same tables, standing for its replica): nothing is written there. Buses are regional, so this
 * is a misrouted event; the guard keeps one writer region per reservation and allocation.
 */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeRegionSagaTest {

    private InventoryHarness h;
    private InventoryService other;

    @BeforeAll
    void createTables() {
        h = new InventoryHarness("inv-home");
        other = new InventoryService(new DynamoInventoryRepository(h.dynamoDb, h.inventoryTable, new Outbox(h.outboxTable), "eu-west-1", h.clock),
                h.clock, "eu-west-1", InventoryHarness.RESERVATION_TTL);
    }

    @Test
    void sagaEvents_shouldWriteNothing_whenTheyReachARegionThatIsNotTheOrdersHome() {
        // given: an order of us-east-1 reserved there
        String sku = "sku-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = "ord-" + UUID.randomUUID().toString().replace("-", "");
        h.product(sku, 5);
        List<Line> lines = List.of(new Line(sku, 2));
        h.service.onOrderPlaced(new OrderPlaced(orderId, "c-1", lines, 2500, "EUR"), TestEvents.REGION, null);
        String before = h.snapshot();
        // when: eu-west-1 receives the order's events
        other.onOrderPlaced(new OrderPlaced(orderId, "c-1", lines, 2500, "EUR"), TestEvents.REGION, null);
        other.onOrderConfirmed(new OrderConfirmed(orderId, "c-1", lines));
        other.onOrderCancelled(new OrderCancelled(orderId, "c-1", lines, "CUSTOMER_CANCELLED", "CONFIRMED"));
        // then
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.reservation(orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(h.stock(sku)).isEqualTo(new Stock(3, 2, 0, 5));
        assertThat(StockInvariant.violations(h.dynamoDb, h.inventoryTable, sku, TestEvents.REGION)).isEmpty();
        // and the home region still applies them
        h.service.onOrderConfirmed(new OrderConfirmed(orderId, "c-1", lines));
        assertThat(h.stock(sku)).isEqualTo(new Stock(3, 0, 2, 5));
    }
}

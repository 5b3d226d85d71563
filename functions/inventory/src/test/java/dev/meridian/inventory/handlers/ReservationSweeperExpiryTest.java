package dev.meridian.inventory.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.common.lock.DistributedLock;
import dev.meridian.testkit.TemplateTables;
import dev.meridian.inventory.domain.ReservationStatus;
import dev.meridian.inventory.domain.Stock;
import dev.meridian.inventory.support.InventoryHarness;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static dev.meridian.inventory.support.TestEvents.invoke;
import static dev.meridian.inventory.support.TestEvents.orderCancelled;
import static dev.meridian.inventory.support.TestEvents.orderConfirmed;
import static dev.meridian.inventory.support.TestEvents.orderPlaced;
import static dev.meridian.inventory.support.TestEvents.sqs;
import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled sweeper: ReservationExpired exactly once, only for reservations still held past expiry. */
@ExtendWith(LocalEngines.class)
class ReservationSweeperExpiryTest {

    private static final Duration TTL = InventoryHarness.RESERVATION_TTL;

    private InventoryHarness h;
    private InventoryEventsHandler events;
    private ReservationSweeperHandler sweeper;
    private String sku;
    private String order;

    @BeforeEach
    void createTables() {
        // fresh tables per test: the sweeper reads the whole expiry index of the region
        h = new InventoryHarness("inv-sweeper");
        events = new InventoryEventsHandler(h.service);
        String locksTable = TemplateTables.create(h.dynamoDb, "LocksTable", LocalEngines.uniqueName("locks"));
        sweeper = new ReservationSweeperHandler(h.service, DistributedLock.builder().dynamoDb(h.dynamoDb)
                .tableName(locksTable).owner("sweeper-test").clock(h.clock).build(), dev.meridian.inventory.support.TestEvents.REGION);
        sku = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        order = "ord-" + UUID.randomUUID().toString().replace("-", "");
        h.product(sku, 10);
    }

    private long sweep() {
        // EventBridge Scheduler's payload: the sweeper ignores it
        JsonNode out = invoke(sweeper, Json.object().put("source", "aws.scheduler").put("detail-type", "Scheduled Event"));
        return out.path("expired").asLong(-1);
    }

    @Test
    void handleRequest_shouldReportExactlyOnce_whenReservationIsPastExpiryAndSweptTwice() {
        // given
        invoke(events, sqs(orderPlaced(order, sku, 2)));
        h.clock.advance(TTL.plusSeconds(1));
        // when
        long first = sweep();
        long second = sweep();
        // then
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        var expired = h.outbox("ReservationExpired", order);
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).path("correlationId").asText()).isEqualTo(order);
        // reporting does not move stock: the order's cancellation releases it
        assertThat(h.reservation(order).orElseThrow().status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(h.stock(sku)).isEqualTo(new Stock(8, 2, 0, 10));
    }

    @Test
    void handleRequest_shouldReportNothing_whenReservationHasNotExpiredYet() {
        // given
        invoke(events, sqs(orderPlaced(order, sku, 2)));
        h.clock.advance(TTL.minusSeconds(1));
        // when
        long reported = sweep();
        // then
        assertThat(reported).isZero();
        assertThat(h.outbox("ReservationExpired", order)).isEmpty();
    }

    @Test
    void handleRequest_shouldReportNothing_whenReservationWasCommittedBeforeExpiry() {
        // given
        invoke(events, sqs(orderPlaced(order, sku, 2)));
        invoke(events, sqs(orderConfirmed(order, sku, 2)));
        h.clock.advance(TTL.multipliedBy(2));
        // when
        long reported = sweep();
        // then
        assertThat(reported).isZero();
        assertThat(h.outbox("ReservationExpired", order)).isEmpty();
        assertThat(h.stock(sku)).isEqualTo(new Stock(8, 0, 2, 10));
    }

    @Test
    void handleRequest_shouldReportNothing_whenReservationWasReleasedBeforeExpiry() {
        // given
        invoke(events, sqs(orderPlaced(order, sku, 2)));
        invoke(events, sqs(orderCancelled(order, "PENDING", sku, 2)));
        h.clock.advance(TTL.multipliedBy(2));
        // when
        long reported = sweep();
        // then
        assertThat(reported).isZero();
        assertThat(h.outbox("ReservationExpired", order)).isEmpty();
        assertThat(h.stock(sku)).isEqualTo(new Stock(10, 0, 0, 10));
    }

    @Test
    void handleRequest_shouldStillLetTheLateConfirmationSell_whenExpiryWasAlreadyReported() {
        // given: expired and reported, but the payment was captured meanwhile
        invoke(events, sqs(orderPlaced(order, sku, 2)));
        h.clock.advance(TTL.plusSeconds(1));
        sweep();
        // when
        JsonNode response = invoke(events, sqs(orderConfirmed(order, sku, 2)));
        // then: the stock it holds is sold, exactly once
        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(h.stock(sku)).isEqualTo(new Stock(8, 0, 2, 10));
        assertThat(sweep()).isZero();
        assertThat(h.outbox("ReservationExpired", order)).hasSize(1);
    }
}

package dev.meridian.inventory.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.lock.Lease;
import dev.meridian.inventory.adapters.InventoryKeys;
import dev.meridian.inventory.domain.OrderLine;
import dev.meridian.inventory.domain.Product;
import dev.meridian.inventory.domain.ProductView;
import dev.meridian.inventory.domain.Reservation;
import dev.meridian.inventory.domain.ReserveOutcome;
import dev.meridian.inventory.domain.Stock;
import dev.meridian.inventory.handlers.InventoryEventsHandler;
import dev.meridian.inventory.support.InventoryHarness;
import dev.meridian.inventory.support.StockInvariant;
import dev.meridian.inventory.support.TestEvents;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.meridian.inventory.support.TestEvents.failures;
import static dev.meridian.inventory.support.TestEvents.invoke;
import static dev.meridian.inventory.support.TestEvents.orderPlaced;
import static dev.meridian.inventory.support.TestEvents.sqs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No oversell under contention: 50 concurrent orders of one unit each against a stock of 20.
 * The negative control runs the same contention against a deliberately naive reservation
 * (read, check, unconditional write) and asserts that the same invariant check catches it.
 */
@ExtendWith(LocalEngines.class)
class ReservationConcurrencyTest {

    private static final int ORDERS = 50;
    private static final int STOCK = 20;
    /** SQS redelivers a failed message; in AWS maxReceiveCount bounds it before the DLQ. */
    private static final int MAX_RECEIVES = 40;

    private InventoryHarness h;
    private String sku;

    @BeforeEach
    void createTables() {
        h = new InventoryHarness("inv-race");
        sku = "race-" + UUID.randomUUID().toString().substring(0, 8);
        h.product(sku, STOCK);
    }

    @Test
    void reserve_shouldHandOutExactlyTheStock_whenFiftyOrdersRaceForTwenty() throws Exception {
        // given
        InventoryEventsHandler handler = new InventoryEventsHandler(h.service);
        // when
        Map<String, Integer> receives = raceOrders(handler);
        // then: every message was eventually processed (none would sit in the DLQ)
        assertThat(receives).hasSize(ORDERS).allSatisfy((order, n) -> assertThat(n).isLessThanOrEqualTo(MAX_RECEIVES));
        Map<String, Integer> statuses = new HashMap<>();
        for (String order : receives.keySet()) {
            statuses.merge(h.reservation(order).orElseThrow().status().name(), 1, Integer::sum);
        }
        assertThat(statuses).isEqualTo(Map.of("RESERVED", STOCK, "REJECTED", ORDERS - STOCK));
        assertThat(h.stock(sku)).isEqualTo(new Stock(0, STOCK, 0, STOCK));
        assertThat(StockInvariant.violations(h.dynamoDb, h.inventoryTable, sku, TestEvents.REGION)).isEmpty();
        long reservedEvents = receives.keySet().stream().mapToLong(o -> h.outbox("InventoryReserved", o).size()).sum();
        long rejectedEvents = receives.keySet().stream().mapToLong(o -> h.outbox("InventoryRejected", o).size()).sum();
        assertThat(reservedEvents).isEqualTo(STOCK);
        assertThat(rejectedEvents).isEqualTo(ORDERS - STOCK);
    }

    @Test
    void invariantCheck_shouldReportOversell_whenReservationIsNaiveReadCheckWrite() throws Exception {
        // given: the same service over a repository whose reserve() is read-check-write without a condition
        CyclicBarrier allHaveRead = new CyclicBarrier(ORDERS);
        NaiveReservations naive = new NaiveReservations(h, allHaveRead);
        InventoryEventsHandler handler = new InventoryEventsHandler(
                new InventoryService(naive, h.clock, TestEvents.REGION, InventoryHarness.RESERVATION_TTL));
        // when
        raceOrders(handler);
        // then: the check that passes above catches the bug here
        List<String> violations = StockInvariant.violations(h.dynamoDb, h.inventoryTable, sku, TestEvents.REGION);
        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith("oversell: "));
    }

    /** Delivers one OrderPlaced (1 unit) per order from 50 threads at once; returns receives per order. */
    private Map<String, Integer> raceOrders(InventoryEventsHandler handler) throws Exception {
        Map<String, Integer> receives = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(ORDERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                String order = "ord-" + UUID.randomUUID().toString().replace("-", "");
                futures.add(pool.submit(() -> {
                    start.await();
                    JsonNode message = orderPlaced(order, sku, 1);
                    for (int receive = 1; receive <= MAX_RECEIVES + 1; receive++) {
                        receives.put(order, receive);
                        if (failures(invoke(handler, sqs(message))).isEmpty()) {
                            return null;
                        }
                        Thread.sleep(ThreadLocalRandom.current().nextInt(5, 30));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return receives;
    }

    /**
     * Test-only broken reservation: reads each allocation, checks it, waits until every racer
     * has read, then writes the computed counters back unconditionally. Everything else is the
     * real repository.
     */
    private static final class NaiveReservations implements InventoryRepository {
        private final InventoryHarness h;
        private final CyclicBarrier allHaveRead;

        NaiveReservations(InventoryHarness h, CyclicBarrier allHaveRead) {
            this.h = h;
            this.allHaveRead = allHaveRead;
        }

        private Map<String, AttributeValue> allocationKey(String sku) {
            return InventoryKeys.allocation(sku, TestEvents.REGION);
        }

        @Override
        public String region() {
            return TestEvents.REGION;
        }

        @Override
        public ReserveOutcome reserve(Reservation reservation, DomainEvent reserved) {
            List<Map<String, AttributeValue>> read = new ArrayList<>();
            List<String> shortSkus = new ArrayList<>();
            for (OrderLine line : reservation.lines()) {
                var item = h.dynamoDb.getItem(GetItemRequest.builder().tableName(h.inventoryTable)
                        .key(allocationKey(line.sku())).consistentRead(true).build()).item();
                read.add(item);
                if (Long.parseLong(item.get("available").n()) < line.quantity()) {
                    shortSkus.add(line.sku());
                }
            }
            try {
                allHaveRead.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (BrokenBarrierException | TimeoutException e) {
                // proceed: the race is only less certain
            }
            if (!shortSkus.isEmpty()) {
                return new ReserveOutcome.Insufficient(shortSkus);
            }
            for (int i = 0; i < reservation.lines().size(); i++) {
                long q = reservation.lines().get(i).quantity();
                Map<String, AttributeValue> item = new HashMap<>(read.get(i));
                item.put("available", AttributeValue.fromN(Long.toString(Long.parseLong(item.get("available").n()) - q)));
                item.put("reserved", AttributeValue.fromN(Long.toString(Long.parseLong(item.get("reserved").n()) + q)));
                h.dynamoDb.putItem(PutItemRequest.builder().tableName(h.inventoryTable).item(item).build());
            }
            Map<String, AttributeValue> res = new HashMap<>(InventoryKeys.reservation(reservation.orderId()));
            res.put("orderId", AttributeValue.fromS(reservation.orderId()));
            res.put("status", AttributeValue.fromS("RESERVED"));
            res.put("region", AttributeValue.fromS(TestEvents.REGION));
            res.put("lines", AttributeValue.fromL(reservation.lines().stream().map(l -> AttributeValue.fromM(Map.of(
                    "sku", AttributeValue.fromS(l.sku()), "quantity", AttributeValue.fromN(Long.toString(l.quantity()))))).toList()));
            h.dynamoDb.putItem(PutItemRequest.builder().tableName(h.inventoryTable).item(res).build());
            return new ReserveOutcome.Reserved();
        }

        // ---- everything else: the real repository ----

        @Override
        public Optional<ProductView> find(String sku) {
            return h.repository.find(sku);
        }

        @Override
        public List<ProductView> list() {
            return h.repository.list();
        }

        @Override
        public boolean upsert(Product product) {
            return h.repository.upsert(product);
        }

        @Override
        public Optional<Stock> restock(String sku, long quantity, String restockId) {
            return h.repository.restock(sku, quantity, restockId);
        }

        @Override
        public boolean reject(String orderId, List<OrderLine> lines, DomainEvent rejected) {
            return h.repository.reject(orderId, lines, rejected);
        }

        @Override
        public Optional<Reservation> findReservation(String orderId) {
            return h.repository.findReservation(orderId);
        }

        @Override
        public boolean commit(Reservation reservation) {
            return h.repository.commit(reservation);
        }

        @Override
        public boolean release(Reservation expected) {
            return h.repository.release(expected);
        }

        @Override
        public boolean tombstone(String orderId) {
            return h.repository.tombstone(orderId);
        }

        @Override
        public List<Reservation> expiredReservations(Instant now, int limit) {
            return h.repository.expiredReservations(now, limit);
        }

        @Override
        public boolean reportExpired(Reservation reservation, DomainEvent expired, Lease lease) {
            return h.repository.reportExpired(reservation, expired, lease);
        }
    }
}

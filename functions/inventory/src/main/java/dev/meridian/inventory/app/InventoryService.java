package dev.meridian.inventory.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.json.Json;
import dev.meridian.inventory.domain.OrderLine;
import dev.meridian.inventory.domain.Reservation;
import dev.meridian.inventory.domain.ReservationStatus;
import dev.meridian.inventory.domain.ReserveOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inventory side of the order saga. Every reaction is idempotent and tolerates
 * events arriving late, twice or out of order: decisions are recorded on the order's
 * reservation item with conditional writes, and a reaction whose precondition no longer
 * holds does nothing.
 */
public final class InventoryService {

    public static final String SOURCE = "meridian.inventory";
    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);
    private static final int MAX_ATTEMPTS = 5;

    private final InventoryRepository repository;
    private final Clock clock;
    private final String region;
    private final Duration reservationTtl;

    public InventoryService(InventoryRepository repository, Clock clock, String region, Duration reservationTtl) {
        this.repository = repository;
        this.clock = clock;
        this.region = region;
        this.reservationTtl = reservationTtl;
    }

    /** Routes one saga event to its reaction. */
    public void on(DomainEvent event) {
        switch (event.detailType()) {
            case "OrderPlaced" -> onOrderPlaced(event);
            case "OrderConfirmed" -> onOrderConfirmed(event);
            case "OrderCancelled" -> onOrderCancelled(event);
            default -> throw new MalformedEventException("inventory does not consume " + event.source() + "/" + event.detailType());
        }
    }

    void onOrderPlaced(DomainEvent event) {
        JsonNode data = event.data();
        String orderId = require(data, "orderId");
        if (!region.equals(event.envelope().region())) {
            // Orders are reserved in their home region only (escrow per region).
            LOG.warn("ignoring OrderPlaced {} homed in {}", orderId, event.envelope().region());
            return;
        }
        List<OrderLine> lines = OrderLine.merge(lines(data));
        Reservation reservation = new Reservation(orderId, region, lines, ReservationStatus.RESERVED,
                clock.instant().plus(reservationTtl));
        ObjectNode reservedData = data.deepCopy();
        reservedData.put("expiresAt", reservation.expiresAt().toString());
        DomainEvent reserved = DomainEvent.createDeterministic(SOURCE, "InventoryReserved", region, orderId,
                event.envelope().traceparent(), reservedData, clock, orderId);
        ReserveOutcome outcome = repository.reserve(reservation, reserved);
        if (outcome instanceof ReserveOutcome.Insufficient insufficient) {
            ObjectNode rejectedData = Json.object();
            rejectedData.put("orderId", orderId);
            rejectedData.put("reason", "OUT_OF_STOCK");
            ArrayNode skus = rejectedData.putArray("skus");
            insufficient.skus().forEach(skus::add);
            DomainEvent rejected = DomainEvent.createDeterministic(SOURCE, "InventoryRejected", region, orderId,
                    event.envelope().traceparent(), rejectedData, clock, orderId);
            repository.reject(orderId, lines, rejected);
        }
    }

    void onOrderConfirmed(DomainEvent event) {
        String orderId = require(event.data(), "orderId");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Reservation> found = repository.findReservation(orderId);
            if (found.isEmpty()) {
                // Cannot happen in order (confirmation follows a reservation); retry until the reservation is visible.
                throw new IllegalStateException("OrderConfirmed for " + orderId + " before its reservation exists");
            }
            Reservation reservation = found.get();
            if (reservation.status() != ReservationStatus.RESERVED) {
                if (reservation.status() != ReservationStatus.SOLD) {
                    LOG.warn("OrderConfirmed for {} whose reservation is {}", orderId, reservation.status());
                }
                return;
            }
            if (repository.commit(reservation)) {
                return;
            }
        }
        throw new IllegalStateException("reservation of " + orderId + " kept changing while committing it");
    }

    void onOrderCancelled(DomainEvent event) {
        String orderId = require(event.data(), "orderId");
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Reservation> found = repository.findReservation(orderId);
            if (found.isEmpty()) {
                if (repository.tombstone(orderId)) {
                    return;
                }
                continue;
            }
            Reservation reservation = found.get();
            if (reservation.status() == ReservationStatus.RELEASED || reservation.status() == ReservationStatus.REJECTED) {
                return;
            }
            if (repository.release(reservation)) {
                return;
            }
        }
        throw new IllegalStateException("reservation of " + orderId + " kept changing while releasing it");
    }

    /**
     * Whether a reservation is past its expiry and not yet reported: one read of the expiry
     * index, so that a scheduled run with nothing to do takes no lock and writes nothing.
     */
    public boolean anyExpired() {
        return !repository.expiredReservations(clock.instant(), 1).isEmpty();
    }

    /** One sweep: reports every expired reservation (at most {@code limit}); returns how many. */
    public int sweepExpired(int limit, InventoryRepository.Fence fence) {
        int reported = 0;
        for (Reservation reservation : repository.expiredReservations(clock.instant(), limit)) {
            ObjectNode data = Json.object();
            data.put("orderId", reservation.orderId());
            data.put("expiredAt", reservation.expiresAt().toString());
            DomainEvent expired = DomainEvent.createDeterministic(SOURCE, "ReservationExpired", region,
                    reservation.orderId(), null, data, clock, reservation.orderId());
            if (repository.reportExpired(reservation, expired, fence)) {
                reported++;
            }
        }
        return reported;
    }

    static List<OrderLine> lines(JsonNode data) {
        JsonNode lines = data.get("lines");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new MalformedEventException("event data has no lines");
        }
        List<OrderLine> out = new ArrayList<>();
        for (JsonNode line : lines) {
            String sku = line.path("sku").asText("");
            long quantity = line.path("quantity").asLong(0);
            if (sku.isEmpty() || quantity <= 0) {
                throw new MalformedEventException("event line without sku or positive quantity");
            }
            out.add(new OrderLine(sku, quantity));
        }
        return out;
    }

    static String require(JsonNode data, String field) {
        String value = Json.text(data, field);
        if (value == null || value.isEmpty()) {
            throw new MalformedEventException("event data has no " + field);
        }
        return value;
    }
}

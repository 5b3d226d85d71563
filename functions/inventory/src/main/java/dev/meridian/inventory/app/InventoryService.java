package dev.meridian.inventory.app;

import dev.meridian.common.contracts.Line;
import dev.meridian.common.contracts.inventory.InventoryRejected;
import dev.meridian.common.contracts.inventory.InventoryReserved;
import dev.meridian.common.contracts.inventory.ReservationExpired;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.contracts.orders.OrderPlaced;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.lock.Lease;
import dev.meridian.inventory.domain.OrderLine;
import dev.meridian.inventory.domain.Reservation;
import dev.meridian.inventory.domain.ReservationStatus;
import dev.meridian.inventory.domain.ReserveOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The inventory side of the order saga. Every reaction is idempotent and tolerates
 * events arriving late, twice or out of order: decisions are recorded on the order's
 * reservation item with conditional writes, and a reaction whose precondition no longer
 * holds does nothing.
 */
public final class InventoryService {

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

    /**
     * Reserves every line of a newly placed order, or records that it cannot be filled.
     *
     * @param homeRegion the region that accepted the order (the event's region)
     */
    public void onOrderPlaced(OrderPlaced placed, String homeRegion, String traceparent) {
        String orderId = placed.orderId();
        if (!region.equals(homeRegion)) {
            // Orders are reserved in their home region only (escrow per region).
            LOG.warn("ignoring OrderPlaced {} homed in {}", orderId, homeRegion);
            return;
        }
        List<OrderLine> lines = OrderLine.merge(placed.lines().stream().map(l -> new OrderLine(l.sku(), l.quantity())).toList());
        Reservation reservation = new Reservation(orderId, region, lines, ReservationStatus.RESERVED,
                clock.instant().plus(reservationTtl));
        DomainEvent reserved = new InventoryReserved(orderId, lines.stream().map(l -> new Line(l.sku(), l.quantity())).toList(),
                reservation.expiresAt()).toEvent(region, traceparent, clock);
        ReserveOutcome outcome = repository.reserve(reservation, reserved);
        if (outcome instanceof ReserveOutcome.Insufficient insufficient) {
            repository.reject(orderId, lines, InventoryRejected.outOfStock(orderId, insufficient.skus()).toEvent(region, traceparent, clock));
        }
    }

    /** RESERVED → SOLD. */
    public void onOrderConfirmed(OrderConfirmed confirmed) {
        String orderId = confirmed.orderId();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Reservation> found = repository.findReservation(orderId);
            if (found.isEmpty()) {
                // Cannot happen in order (confirmation follows a reservation); retry until the reservation is visible.
                throw new IllegalStateException("OrderConfirmed for " + orderId + " before its reservation exists");
            }
            Reservation reservation = found.get();
            if (notHomedHere(reservation, "OrderConfirmed")) {
                return;
            }
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

    /** RESERVED or SOLD → RELEASED (stock back); no reservation yet: a tombstone, so a late OrderPlaced reserves nothing. */
    public void onOrderCancelled(OrderCancelled cancelled) {
        String orderId = cancelled.orderId();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Reservation> found = repository.findReservation(orderId);
            if (found.isEmpty()) {
                if (repository.tombstone(orderId)) {
                    return;
                }
                continue;
            }
            Reservation reservation = found.get();
            if (notHomedHere(reservation, "OrderCancelled")) {
                return;
            }
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
     * A reservation is written only by its order's home region. Buses are regional, so an event
     * about another region's reservation is misrouted: nothing is written here (a second writer
     * region would race the home region's writes under last-writer-wins).
     */
    private boolean notHomedHere(Reservation reservation, String what) {
        if (region.equals(reservation.region())) {
            return false;
        }
        LOG.warn("ignoring {} for {}: its reservation belongs to {}", what, reservation.orderId(), reservation.region());
        return true;
    }

    /**
     * Whether a reservation is past its expiry and not yet reported: one read of the expiry
     * index, so that a scheduled run with nothing to do takes no lock and writes nothing.
     */
    public boolean anyExpired() {
        return !repository.expiredReservations(clock.instant(), 1).isEmpty();
    }

    /**
     * One sweep under the sweeper's {@code lease}: reports every expired reservation (at most
     * {@code limit}); returns how many. Every write carries the lease's check.
     *
     * @throws dev.meridian.common.lock.StaleLeaseException the lease was taken over; the sweep stops
     */
    public int sweepExpired(int limit, Lease lease) {
        int reported = 0;
        for (Reservation reservation : repository.expiredReservations(clock.instant(), limit)) {
            DomainEvent expired = new ReservationExpired(reservation.orderId(), reservation.expiresAt()).toEvent(region, null, clock);
            if (repository.reportExpired(reservation, expired, lease)) {
                reported++;
            }
        }
        return reported;
    }
}

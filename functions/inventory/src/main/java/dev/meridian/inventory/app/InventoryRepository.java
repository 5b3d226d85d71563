package dev.meridian.inventory.app;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.lock.Lease;
import dev.meridian.inventory.domain.OrderLine;
import dev.meridian.inventory.domain.Product;
import dev.meridian.inventory.domain.ProductView;
import dev.meridian.inventory.domain.Reservation;
import dev.meridian.inventory.domain.ReserveOutcome;
import dev.meridian.inventory.domain.Stock;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: products, this region's allocations and reservations. Every write is conditional. */
public interface InventoryRepository {

    /** The region this repository writes allocations and reservations of. */
    String region();

    /** The product with this region's stock and every region's allocation this replica holds. */
    Optional<ProductView> find(String sku);

    List<ProductView> list();

    /** Creates or updates a product; returns whether it was created. */
    boolean upsert(Product product);

    /**
     * Adds {@code quantity} to this region's allocation of an existing product; empty if the
     * product is unknown. With a {@code restockId} the restock is applied at most once: the same
     * id again changes nothing and returns the current stock ({@link RestockKeyReusedException}
     * when the id was applied to another sku or quantity); null: no such guard.
     */
    Optional<Stock> restock(String sku, long quantity, String restockId);

    /** Reserves every line atomically with {@code reserved} recorded in the outbox, or nothing. */
    ReserveOutcome reserve(Reservation reservation, DomainEvent reserved);

    /** Records that the order could not be reserved (with its event); false if already decided. */
    boolean reject(String orderId, List<OrderLine> lines, DomainEvent rejected);

    Optional<Reservation> findReservation(String orderId);

    /** RESERVED → SOLD; false when the reservation was not RESERVED (already sold, released...). */
    boolean commit(Reservation reservation);

    /** RESERVED or SOLD → RELEASED, stock back to available; false when the status was not {@code expected.status()}. */
    boolean release(Reservation expected);

    /** Writes a RELEASED tombstone for an order that has no reservation; false if one appeared meanwhile. */
    boolean tombstone(String orderId);

    /** Reservations still RESERVED whose expiry is before {@code now}, and not yet reported. */
    List<Reservation> expiredReservations(Instant now, int limit);

    /**
     * Marks an expired reservation as reported, with its event, under the sweeper's {@code lease}:
     * the write commits only while the lease is still the current holding of its key.
     *
     * @return false if the reservation changed meanwhile (confirmed, released, already reported)
     * @throws dev.meridian.common.lock.StaleLeaseException the lease was taken over; nothing written
     */
    boolean reportExpired(Reservation reservation, DomainEvent expired, Lease lease);
}

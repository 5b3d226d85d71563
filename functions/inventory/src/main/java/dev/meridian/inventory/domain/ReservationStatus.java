package dev.meridian.inventory.domain;

/**
 * Life of an order's stock reservation in its home region.
 *
 * <pre>
 *   (none) ──OrderPlaced, stock ok──► RESERVED ──OrderConfirmed──► SOLD
 *   (none) ──OrderPlaced, short────► REJECTED
 *   RESERVED | SOLD ──OrderCancelled──► RELEASED (stock back to available)
 *   (none) ──OrderCancelled──► RELEASED (tombstone: a late OrderPlaced reserves nothing)
 * </pre>
 */
public enum ReservationStatus {
    RESERVED, SOLD, RELEASED, REJECTED
}

package dev.meridian.payments.domain;

/**
 * Where the payment of one order stands. Moves only forward. A charge needs both halves: the
 * request (what to charge, from PaymentRequested) and the reservation (InventoryReserved); they
 * arrive in either order, and whichever comes second claims the payment (PENDING) and charges.
 * <pre>
 *   (none) ──► REQUESTED ─┐
 *   (none) ──► RESERVED ──┴─► PENDING ──► CAPTURED ──► REFUNDED
 *     │                          ├──────► DECLINED
 *     │                          └──────► CANCELLED ──► REFUNDED   (cancelled while the charge was in flight)
 *     │   REQUESTED | RESERVED ─────────► CANCELLED                 (cancelled before any charge)
 *     └─────────────────────────────────► CANCELLED                 (tombstone: cancelled before either half)
 * </pre>
 */
public enum PaymentStatus {
    /** The order asked for a charge (amount, currency, token); its stock is not yet known to be reserved. */
    REQUESTED,
    /** The order's stock is reserved; the charge request has not arrived yet. */
    RESERVED,
    /** Claimed by a charge in progress (or one whose outcome is not yet recorded). */
    PENDING,
    /** The gateway approved the charge. */
    CAPTURED,
    /** The gateway declined the charge. */
    DECLINED,
    /** The order was cancelled before the payment was captured. */
    CANCELLED,
    /** A charge was taken and then refunded because the order was cancelled. */
    REFUNDED;

    /** No further change is possible from this status. */
    public boolean isFinal() {
        return this == DECLINED || this == REFUNDED;
    }

    /** Waiting for the other half of a charge (request or reservation). */
    public boolean isAwaitingCharge() {
        return this == REQUESTED || this == RESERVED;
    }
}

package dev.meridian.payments.domain;

/**
 * Where the payment of one order stands. Moves only forward:
 * <pre>
 *   (none) ──► PENDING ──► CAPTURED ──► REFUNDED
 *     │           ├──────► DECLINED
 *     │           └──────► CANCELLED ──► REFUNDED   (cancelled while the charge was in flight)
 *     └─────────────────► CANCELLED                  (tombstone: cancelled before any charge)
 * </pre>
 */
public enum PaymentStatus {
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
}

package dev.meridian.payments.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The payment of one order (one item per order in the payments table).
 *
 * @param money         what is (to be) charged; null only for a tombstone (cancelled
 *                      before any charge was attempted)
 * @param chargeId      the processor's charge id once approved
 * @param refundId      the processor's refund id once refunded
 * @param cancelledFrom the status the payment had when the order was cancelled; PENDING
 *                      means a charge may have been in flight (it must be refunded if it
 *                      went through), null means no charge was ever attempted
 * @param version       incremented by every change
 */
public record Payment(String orderId, PaymentStatus status, Money money, String chargeId, String refundId,
                      PaymentStatus cancelledFrom, long version, Instant createdAt, Instant updatedAt) {

    public Payment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (money == null && status != PaymentStatus.CANCELLED) {
            throw new IllegalArgumentException("payment " + orderId + " in status " + status + " needs an amount");
        }
    }

    /** A claim: a charge for {@code orderId} is about to be attempted. */
    public static Payment pending(String orderId, Money money, Instant now) {
        return new Payment(orderId, PaymentStatus.PENDING, Objects.requireNonNull(money, "money"), null, null, null,
                1, now, now);
    }

    /** The order was cancelled before any charge: a later InventoryReserved must never charge. */
    public static Payment tombstone(String orderId, Instant now) {
        return new Payment(orderId, PaymentStatus.CANCELLED, null, null, null, null, 1, now, now);
    }

    /** Cancelled while a charge may have been in flight: that charge, if taken, must be refunded. */
    public boolean mayHaveBeenCharged() {
        return status == PaymentStatus.CANCELLED && cancelledFrom == PaymentStatus.PENDING;
    }
}

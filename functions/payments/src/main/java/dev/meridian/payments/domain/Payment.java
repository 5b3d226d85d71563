package dev.meridian.payments.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The payment of one order (one item per order in the payments table).
 *
 * @param money         what is (to be) charged; null while only the reservation is known
 *                      (RESERVED) and for a tombstone (cancelled before any charge request)
 * @param token         the processor token to charge with, kept only while a charge may still
 *                      be made (see {@link Transition#dropsToken()}); its text never shows
 * @param chargeId      the processor's charge id once approved
 * @param refundId      the processor's refund id once refunded
 * @param cancelledFrom the status the payment had when the order was cancelled; PENDING
 *                      means a charge may have been in flight (it must be refunded if it
 *                      went through)
 * @param version       incremented by every change
 */
public record Payment(String orderId, PaymentStatus status, Money money, PaymentToken token, String chargeId,
                      String refundId, PaymentStatus cancelledFrom, long version, Instant createdAt, Instant updatedAt) {

    public Payment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (money == null && status != PaymentStatus.CANCELLED && status != PaymentStatus.RESERVED) {
            throw new IllegalArgumentException("payment " + orderId + " in status " + status + " needs an amount");
        }
        if (token == null && (status == PaymentStatus.REQUESTED || status == PaymentStatus.PENDING)) {
            throw new IllegalArgumentException("payment " + orderId + " in status " + status + " needs a payment token");
        }
    }

    /** The order asked to be charged {@code money} with {@code token}, once its stock is reserved. */
    public static Payment requested(PaymentRequest request, Instant now) {
        return new Payment(request.orderId(), PaymentStatus.REQUESTED, request.money(), request.token(), null, null, null,
                1, now, now);
    }

    /** The order's stock is reserved; the charge request has not arrived yet. */
    public static Payment reserved(String orderId, Instant now) {
        return new Payment(orderId, PaymentStatus.RESERVED, null, null, null, null, null, 1, now, now);
    }

    /** The order was cancelled before any charge: a later request or reservation must never charge. */
    public static Payment tombstone(String orderId, Instant now) {
        return new Payment(orderId, PaymentStatus.CANCELLED, null, null, null, null, null, 1, now, now);
    }

    /** This payment after {@code claim} was applied: PENDING, with the claim's money and token if it brought them. */
    public Payment claimed(Transition claim) {
        return new Payment(orderId, PaymentStatus.PENDING, claim.money() != null ? claim.money() : money,
                claim.token() != null ? claim.token() : token, chargeId, refundId, cancelledFrom, version + 1, createdAt, claim.at());
    }

    /** Cancelled while a charge may have been in flight: that charge, if taken, must be refunded. */
    public boolean mayHaveBeenCharged() {
        return status == PaymentStatus.CANCELLED && cancelledFrom == PaymentStatus.PENDING;
    }
}

package dev.meridian.payments.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A forward move of one payment from an expected status to a new one, with the facts
 * the move records. Applied only if the payment is still in {@code from}.
 */
public record Transition(String orderId, PaymentStatus from, PaymentStatus to, String chargeId, String refundId,
                         Instant at) {

    public Transition {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (!allowed(from, to)) {
            throw new IllegalArgumentException("payment " + orderId + " cannot move " + from + " -> " + to);
        }
    }

    /** The state machine: the only moves a payment can make. */
    public static boolean allowed(PaymentStatus from, PaymentStatus to) {
        return switch (from) {
            case PENDING -> to == PaymentStatus.CAPTURED || to == PaymentStatus.DECLINED || to == PaymentStatus.CANCELLED;
            case CAPTURED, CANCELLED -> to == PaymentStatus.REFUNDED;
            case DECLINED, REFUNDED -> false;
        };
    }

    public static Transition capture(String orderId, String chargeId, Instant at) {
        return new Transition(orderId, PaymentStatus.PENDING, PaymentStatus.CAPTURED, chargeId, null, at);
    }

    public static Transition decline(String orderId, Instant at) {
        return new Transition(orderId, PaymentStatus.PENDING, PaymentStatus.DECLINED, null, null, at);
    }

    public static Transition cancelPending(String orderId, Instant at) {
        return new Transition(orderId, PaymentStatus.PENDING, PaymentStatus.CANCELLED, null, null, at);
    }

    public static Transition refund(String orderId, PaymentStatus from, String chargeId, String refundId, Instant at) {
        return new Transition(orderId, from, PaymentStatus.REFUNDED, chargeId, refundId, at);
    }
}

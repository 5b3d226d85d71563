package dev.meridian.payments.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A forward move of one payment from an expected status to a new one, with the facts
 * the move records. Applied only if the payment is still in {@code from}.
 *
 * @param money the amount a claim from RESERVED records (the request arrived second); else null
 * @param token the token a claim from RESERVED records; else null
 */
public record Transition(String orderId, PaymentStatus from, PaymentStatus to, String chargeId, String refundId,
                         Money money, PaymentToken token, Instant at) {

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
            case REQUESTED, RESERVED -> to == PaymentStatus.PENDING || to == PaymentStatus.CANCELLED;
            case PENDING -> to == PaymentStatus.CAPTURED || to == PaymentStatus.DECLINED || to == PaymentStatus.CANCELLED;
            case CAPTURED, CANCELLED -> to == PaymentStatus.REFUNDED;
            case DECLINED, REFUNDED -> false;
        };
    }

    /**
     * Both halves are here: claim the payment for a charge. From RESERVED the request arrived
     * second, so the move records its {@code money} and {@code token}; from REQUESTED they are stored.
     */
    public static Transition claim(String orderId, PaymentStatus from, Money money, PaymentToken token, Instant at) {
        if (from == PaymentStatus.RESERVED) {
            Objects.requireNonNull(money, "money");
            Objects.requireNonNull(token, "token");
        }
        return new Transition(orderId, from, PaymentStatus.PENDING, null, null, money, token, at);
    }

    public static Transition capture(String orderId, String chargeId, Instant at) {
        return new Transition(orderId, PaymentStatus.PENDING, PaymentStatus.CAPTURED, chargeId, null, null, null, at);
    }

    public static Transition decline(String orderId, Instant at) {
        return new Transition(orderId, PaymentStatus.PENDING, PaymentStatus.DECLINED, null, null, null, null, at);
    }

    /** The order was cancelled: from PENDING a charge may be in flight; from REQUESTED or RESERVED none was attempted. */
    public static Transition cancel(String orderId, PaymentStatus from, Instant at) {
        return new Transition(orderId, from, PaymentStatus.CANCELLED, null, null, null, null, at);
    }

    public static Transition cancelPending(String orderId, Instant at) {
        return cancel(orderId, PaymentStatus.PENDING, at);
    }

    public static Transition refund(String orderId, PaymentStatus from, String chargeId, String refundId, Instant at) {
        return new Transition(orderId, from, PaymentStatus.REFUNDED, chargeId, refundId, null, null, at);
    }

    /**
     * Whether the stored token is no longer needed after this move: once the charge is decided
     * (captured, declined, refunded) or cannot happen (cancelled before any charge). A payment
     * cancelled while PENDING keeps it: the charge in flight must be resolved with it.
     */
    public boolean dropsToken() {
        return switch (to) {
            case CAPTURED, DECLINED, REFUNDED -> true;
            case CANCELLED -> from != PaymentStatus.PENDING;
            default -> false;
        };
    }
}

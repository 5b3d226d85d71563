package dev.meridian.orders.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The order's state machine: given the current order and what happened, the next
 * order and the event to emit, or nothing when the input changes nothing (a duplicate,
 * a late or out-of-order event). Pure: no I/O.
 */
public final class OrderStateMachine {

    /** What happened to an order. */
    public enum Input {
        INVENTORY_REJECTED, RESERVATION_EXPIRED, PAYMENT_CAPTURED, PAYMENT_FAILED, PAYMENT_REFUNDED, CUSTOMER_CANCEL
    }

    /** The event a transition emits. */
    public enum Emit {
        NONE, ORDER_CONFIRMED, ORDER_CANCELLED
    }

    public record Transition(Order next, Emit emit) {
    }

    private OrderStateMachine() {
    }

    public static Optional<Transition> apply(Order order, Input input, Instant now) {
        return switch (input) {
            case INVENTORY_REJECTED -> cancelIfPending(order, CancellationReason.OUT_OF_STOCK, order.paymentStatus(), now);
            case RESERVATION_EXPIRED -> cancelIfPending(order, CancellationReason.RESERVATION_EXPIRED, order.paymentStatus(), now);
            case PAYMENT_FAILED -> {
                PaymentStatus payment = raise(order.paymentStatus(), PaymentStatus.DECLINED);
                if (order.status() == OrderStatus.PENDING) {
                    yield Optional.of(new Transition(order.with(OrderStatus.CANCELLED, payment, CancellationReason.PAYMENT_DECLINED, now), Emit.ORDER_CANCELLED));
                }
                yield paymentOnly(order, payment, now);
            }
            case PAYMENT_CAPTURED -> {
                PaymentStatus payment = raise(order.paymentStatus(), PaymentStatus.CAPTURED);
                if (order.status() == OrderStatus.PENDING) {
                    yield Optional.of(new Transition(order.with(OrderStatus.CONFIRMED, payment, null, now), Emit.ORDER_CONFIRMED));
                }
                yield paymentOnly(order, payment, now);
            }
            case PAYMENT_REFUNDED -> paymentOnly(order, raise(order.paymentStatus(), PaymentStatus.REFUNDED), now);
            case CUSTOMER_CANCEL -> order.status() == OrderStatus.CANCELLED
                    ? Optional.empty()
                    : Optional.of(new Transition(order.with(OrderStatus.CANCELLED, order.paymentStatus(), CancellationReason.CUSTOMER_CANCELLED, now), Emit.ORDER_CANCELLED));
        };
    }

    private static Optional<Transition> cancelIfPending(Order order, CancellationReason reason, PaymentStatus payment, Instant now) {
        if (order.status() != OrderStatus.PENDING) {
            return Optional.empty();
        }
        return Optional.of(new Transition(order.with(OrderStatus.CANCELLED, payment, reason, now), Emit.ORDER_CANCELLED));
    }

    private static Optional<Transition> paymentOnly(Order order, PaymentStatus payment, Instant now) {
        if (payment == order.paymentStatus()) {
            return Optional.empty();
        }
        return Optional.of(new Transition(order.with(order.status(), payment, order.cancellationReason(), now), Emit.NONE));
    }

    private static PaymentStatus raise(PaymentStatus current, PaymentStatus candidate) {
        return candidate.isAfter(current) ? candidate : current;
    }
}

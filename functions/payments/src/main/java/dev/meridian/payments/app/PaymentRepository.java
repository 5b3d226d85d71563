package dev.meridian.payments.app;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.payments.domain.Payment;
import dev.meridian.payments.domain.Transition;

import java.util.Objects;
import java.util.Optional;

/** The payments table: one payment per order, changed only by conditional writes. */
public interface PaymentRepository {

    /** The payment of {@code orderId} (strongly consistent read), if any. */
    Optional<Payment> find(String orderId);

    /**
     * Writes {@code payment} if the order has no payment yet.
     *
     * @return {@code created} and the written payment, or not created and the payment that exists
     */
    PutResult putIfAbsent(Payment payment);

    /**
     * Applies {@code transition} if the payment is still in {@code transition.from()};
     * {@code event}, when not null, is written to the outbox in the same transaction.
     *
     * @return applied, or not applied with the payment as it is now
     */
    TransitionResult apply(Transition transition, DomainEvent event);

    record PutResult(boolean created, Payment payment) {
        public PutResult {
            Objects.requireNonNull(payment, "payment");
        }
    }

    record TransitionResult(boolean applied, Payment current) {
        public static TransitionResult ok() {
            return new TransitionResult(true, null);
        }

        public static TransitionResult conflict(Payment current) {
            return new TransitionResult(false, Objects.requireNonNull(current, "current"));
        }
    }
}

package dev.meridian.payments.domain;

/** What handling one event did; returned by the use cases for logs and tests. */
public enum PaymentOutcome {
    /** Charge approved and recorded; PaymentCaptured emitted. */
    CAPTURED,
    /** Charge declined and recorded; PaymentFailed emitted. */
    DECLINED,
    /** A charge was refunded and recorded; PaymentRefunded emitted. */
    REFUNDED,
    /** The order was cancelled before it was charged: nothing charged (tombstone written or payment voided). */
    VOIDED,
    /** The event was already handled, or there is nothing left to do: no change. */
    NO_CHANGE
}

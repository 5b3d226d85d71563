package dev.meridian.payments.app;

import dev.meridian.common.contracts.payments.PaymentCaptured;
import dev.meridian.common.contracts.payments.PaymentFailed;
import dev.meridian.common.contracts.payments.PaymentRefunded;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.payments.domain.Money;

import java.time.Clock;

/**
 * The events payments emits (their contracts in {@code dev.meridian.common.contracts.payments}).
 * Event ids are derived from the order id, so a retried transaction carries the same event id
 * and the outbox refuses a second copy.
 */
public final class PaymentEvents {

    private final Clock clock;
    private final String region;

    public PaymentEvents(Clock clock, String region) {
        this.clock = clock;
        this.region = region;
    }

    public DomainEvent captured(String orderId, Money money, String chargeId, String traceparent) {
        return new PaymentCaptured(orderId, money.amount(), money.currency(), chargeId).toEvent(region, traceparent, clock);
    }

    public DomainEvent failed(String orderId, String traceparent) {
        return PaymentFailed.declined(orderId).toEvent(region, traceparent, clock);
    }

    public DomainEvent refunded(String orderId, Money money, String refundId, String traceparent) {
        return new PaymentRefunded(orderId, money.amount(), money.currency(), refundId).toEvent(region, traceparent, clock);
    }
}

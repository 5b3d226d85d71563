package dev.meridian.payments.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;
import dev.meridian.payments.domain.Money;

import java.time.Clock;

/**
 * The events payments emits (see docs/events.md). Event ids are derived from the order id,
 * so a retried transaction carries the same event id and the outbox refuses a second copy.
 */
public final class PaymentEvents {

    public static final String SOURCE = "meridian.payments";
    public static final String PAYMENT_CAPTURED = "PaymentCaptured";
    public static final String PAYMENT_FAILED = "PaymentFailed";
    public static final String PAYMENT_REFUNDED = "PaymentRefunded";
    public static final String REASON_DECLINED = "PAYMENT_DECLINED";

    private final Clock clock;
    private final String region;

    public PaymentEvents(Clock clock, String region) {
        this.clock = clock;
        this.region = region;
    }

    public DomainEvent captured(String orderId, Money money, String chargeId, String traceparent) {
        ObjectNode data = Json.object();
        data.put("orderId", orderId);
        data.put("amount", money.amount());
        data.put("currency", money.currency());
        data.put("chargeId", chargeId);
        return event(PAYMENT_CAPTURED, orderId, data, traceparent);
    }

    public DomainEvent failed(String orderId, String traceparent) {
        ObjectNode data = Json.object();
        data.put("orderId", orderId);
        data.put("reason", REASON_DECLINED);
        return event(PAYMENT_FAILED, orderId, data, traceparent);
    }

    public DomainEvent refunded(String orderId, Money money, String refundId, String traceparent) {
        ObjectNode data = Json.object();
        data.put("orderId", orderId);
        data.put("amount", money.amount());
        data.put("currency", money.currency());
        data.put("refundId", refundId);
        return event(PAYMENT_REFUNDED, orderId, data, traceparent);
    }

    private DomainEvent event(String detailType, String orderId, ObjectNode data, String traceparent) {
        return DomainEvent.createDeterministic(SOURCE, detailType, region, orderId, traceparent, data, clock, orderId);
    }
}

package dev.meridian.common.contracts.payments;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;

import java.util.Set;

/** The gateway declined the order's charge. */
public record PaymentFailed(String orderId, String reason) implements EventData {

    public static final String DECLINED = "PAYMENT_DECLINED";

    public PaymentFailed {
        if (!DECLINED.equals(reason)) {
            throw new IllegalArgumentException("reason must be " + DECLINED);
        }
    }

    public static PaymentFailed declined(String orderId) {
        return new PaymentFailed(orderId, DECLINED);
    }

    public static PaymentFailed from(DomainEvent event) {
        EventReader in = new EventReader(EventType.PAYMENT_FAILED, event);
        return new PaymentFailed(in.text("orderId"), in.oneOf("reason", Set.of(DECLINED)));
    }
}

package dev.meridian.common.contracts.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;

import java.util.Objects;
import java.util.Set;

/** The gateway declined the order's charge. */
public record PaymentFailed(String orderId, String reason) implements EventData {

    public static final String DECLINED = "PAYMENT_DECLINED";

    public PaymentFailed {
        Objects.requireNonNull(orderId, "orderId");
        if (!DECLINED.equals(reason)) {
            throw new IllegalArgumentException("reason must be " + DECLINED);
        }
    }

    public static PaymentFailed declined(String orderId) {
        return new PaymentFailed(orderId, DECLINED);
    }

    @Override
    public ObjectNode toData() {
        return Json.object().put("orderId", orderId).put("reason", reason);
    }

    public static PaymentFailed from(DomainEvent event) {
        EventReader in = new EventReader(EventType.PAYMENT_FAILED, event);
        return new PaymentFailed(in.text("orderId"), in.oneOf("reason", Set.of(DECLINED)));
    }
}

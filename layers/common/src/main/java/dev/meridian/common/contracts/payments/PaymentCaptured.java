package dev.meridian.common.contracts.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;

import java.util.Objects;

/** The gateway approved the order's charge. */
public record PaymentCaptured(String orderId, long amount, String currency, String chargeId) implements EventData {

    public PaymentCaptured {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(chargeId, "chargeId");
    }

    @Override
    public ObjectNode toData() {
        return Json.object().put("orderId", orderId).put("amount", amount).put("currency", currency).put("chargeId", chargeId);
    }

    public static PaymentCaptured from(DomainEvent event) {
        EventReader in = new EventReader(EventType.PAYMENT_CAPTURED, event);
        return new PaymentCaptured(in.text("orderId"), in.count("amount"), in.text("currency"), in.text("chargeId"));
    }
}

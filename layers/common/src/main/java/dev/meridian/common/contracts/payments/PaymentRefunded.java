package dev.meridian.common.contracts.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;

import java.util.Objects;

/** A captured charge was refunded after the order was cancelled. */
public record PaymentRefunded(String orderId, long amount, String currency, String refundId) implements EventData {

    public PaymentRefunded {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(refundId, "refundId");
    }

    @Override
    public ObjectNode toData() {
        return Json.object().put("orderId", orderId).put("amount", amount).put("currency", currency).put("refundId", refundId);
    }

    public static PaymentRefunded from(DomainEvent event) {
        EventReader in = new EventReader(EventType.PAYMENT_REFUNDED, event);
        return new PaymentRefunded(in.text("orderId"), in.count("amount"), in.text("currency"), in.text("refundId"));
    }
}

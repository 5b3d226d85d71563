package dev.meridian.common.contracts.payments;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;

/** The gateway approved the order's charge. */
public record PaymentCaptured(String orderId, long amount, String currency, String chargeId) implements EventData {

    public static PaymentCaptured from(DomainEvent event) {
        EventReader in = new EventReader(EventType.PAYMENT_CAPTURED, event);
        return new PaymentCaptured(in.text("orderId"), in.count("amount"), in.text("currency"), in.text("chargeId"));
    }
}

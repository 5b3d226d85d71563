package dev.meridian.common.contracts.payments;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;

/** A captured charge was refunded after the order was cancelled. */
public record PaymentRefunded(String orderId, long amount, String currency, String refundId) implements EventData {

    public static PaymentRefunded from(DomainEvent event) {
        EventReader in = new EventReader(EventType.PAYMENT_REFUNDED, event);
        return new PaymentRefunded(in.text("orderId"), in.count("amount"), in.text("currency"), in.text("refundId"));
    }
}

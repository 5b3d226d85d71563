package dev.meridian.common.contracts.orders;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;

/**
 * Orders asks payments to charge {@code amount} of {@code currency} with the customer's
 * {@code paymentToken} once the order's stock is reserved. Emitted with {@link OrderPlaced}
 * in the same transaction; it is the only event that carries the token, and only payments
 * consumes it. {@link #toString()} never shows the token.
 */
public record PaymentRequested(String orderId, long amount, String currency, String paymentToken) implements EventData {

    public static PaymentRequested from(DomainEvent event) {
        EventReader in = new EventReader(EventType.PAYMENT_REQUESTED, event);
        return new PaymentRequested(in.text("orderId"), in.count("amount"), in.text("currency"), in.text("paymentToken"));
    }

    @Override
    public String toString() {
        return "PaymentRequested[orderId=" + orderId + ", amount=" + amount + ", currency=" + currency
                + ", paymentToken=<redacted>]";
    }
}

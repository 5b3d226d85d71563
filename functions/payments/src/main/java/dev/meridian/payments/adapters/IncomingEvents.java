package dev.meridian.payments.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.PaymentRequested;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.json.Json;
import dev.meridian.payments.domain.InventoryReserved;
import dev.meridian.payments.domain.Money;
import dev.meridian.payments.domain.PaymentRequest;
import dev.meridian.payments.domain.PaymentToken;

import java.time.format.DateTimeParseException;

/**
 * Reads the events payments consumes from SQS message bodies (EventBridge events that the
 * {@code PaymentsRule} delivered) through their contract records, into payments' own view of
 * them. Anything unreadable is a {@link MalformedEventException}: retrying will not help, so
 * after the queue's max receives it lands in the DLQ.
 *
 * <p>Error messages name fields and positions, never values: a PaymentRequested carries a token.
 */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    /** The EventBridge event in an SQS message body. */
    public static DomainEvent parse(String body) {
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (JsonProcessingException e) {
            // the parser's message may quote the offending token: report the position only
            throw new MalformedEventException("SQS message body is not JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        try {
            return DomainEvent.fromEventBridge(node);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new MalformedEventException("SQS message body is not a Meridian event: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    public static PaymentRequest paymentRequested(DomainEvent event) {
        PaymentRequested requested = PaymentRequested.from(event);
        try {
            return new PaymentRequest(requested.orderId(), new Money(requested.amount(), requested.currency()),
                    PaymentToken.of(requested.paymentToken()));
        } catch (IllegalArgumentException e) {
            // Money's and PaymentToken's messages name the field and, for the currency, its value; never the token
            throw new MalformedEventException(event.detailType() + " " + event.eventId() + ": " + e.getMessage());
        }
    }

    public static InventoryReserved inventoryReserved(DomainEvent event) {
        return new InventoryReserved(dev.meridian.common.contracts.inventory.InventoryReserved.from(event).orderId());
    }

    public static dev.meridian.payments.domain.OrderCancelled orderCancelled(DomainEvent event) {
        OrderCancelled cancelled = OrderCancelled.from(event);
        return new dev.meridian.payments.domain.OrderCancelled(cancelled.orderId(), cancelled.reason());
    }
}

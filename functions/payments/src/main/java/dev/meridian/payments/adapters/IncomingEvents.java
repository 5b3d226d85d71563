package dev.meridian.payments.adapters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.json.Json;
import dev.meridian.payments.domain.InventoryReserved;
import dev.meridian.payments.domain.Money;
import dev.meridian.payments.domain.OrderCancelled;
import dev.meridian.payments.domain.PaymentToken;

import java.time.format.DateTimeParseException;

/**
 * Reads the events payments consumes from SQS message bodies (EventBridge events that the
 * {@code PaymentsRule} delivered). Anything unreadable is a {@link MalformedEventException}:
 * retrying will not help, so after the queue's max receives it lands in the DLQ.
 *
 * <p>Error messages name fields and positions, never values: a body carries a payment token.
 */
public final class IncomingEvents {

    public static final String INVENTORY_RESERVED = "InventoryReserved";
    public static final String ORDER_CANCELLED = "OrderCancelled";
    static final String INVENTORY_SOURCE = "meridian.inventory";
    static final String ORDERS_SOURCE = "meridian.orders";

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

    public static InventoryReserved inventoryReserved(DomainEvent event) {
        requireSource(event, INVENTORY_SOURCE);
        JsonNode data = event.data();
        String orderId = requiredText(event, "orderId");
        JsonNode total = data.get("total");
        if (total == null || !total.canConvertToLong() || !total.isIntegralNumber()) {
            throw malformed(event, "total must be an integer amount in minor units");
        }
        String currency = requiredText(event, "currency");
        String token = requiredText(event, "paymentToken");
        try {
            return new InventoryReserved(orderId, new Money(total.longValue(), currency), PaymentToken.of(token));
        } catch (IllegalArgumentException e) {
            throw malformed(event, e.getMessage());
        }
    }

    public static OrderCancelled orderCancelled(DomainEvent event) {
        requireSource(event, ORDERS_SOURCE);
        return new OrderCancelled(requiredText(event, "orderId"), Json.text(event.data(), "reason"));
    }

    private static void requireSource(DomainEvent event, String source) {
        if (!source.equals(event.source())) {
            throw malformed(event, "source must be " + source + ", was " + event.source());
        }
    }

    private static String requiredText(DomainEvent event, String field) {
        JsonNode value = event.data().get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw malformed(event, "data." + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static MalformedEventException malformed(DomainEvent event, String problem) {
        return new MalformedEventException(event.detailType() + " " + event.eventId() + ": " + problem);
    }
}

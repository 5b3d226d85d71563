package dev.meridian.common.contracts.orders;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.events.DomainEvent;

import java.util.List;
import java.util.Set;

/** The order moved to CANCELLED: inventory releases its stock, payments voids or refunds its payment. */
public record OrderCancelled(String orderId, String customerId, List<Line> lines, String reason, String previousStatus)
        implements EventData {

    public static final Set<String> REASONS = Set.of("OUT_OF_STOCK", "PAYMENT_DECLINED", "CUSTOMER_CANCELLED", "RESERVATION_EXPIRED");
    public static final Set<String> PREVIOUS_STATUSES = Set.of("PENDING", "CONFIRMED");

    public OrderCancelled {
        lines = List.copyOf(lines);
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS);
        }
        if (!PREVIOUS_STATUSES.contains(previousStatus)) {
            throw new IllegalArgumentException("previousStatus must be one of " + PREVIOUS_STATUSES);
        }
    }

    public static OrderCancelled from(DomainEvent event) {
        EventReader in = new EventReader(EventType.ORDER_CANCELLED, event);
        return new OrderCancelled(in.text("orderId"), in.text("customerId"), in.lines(), in.oneOf("reason", REASONS),
                in.oneOf("previousStatus", PREVIOUS_STATUSES));
    }
}

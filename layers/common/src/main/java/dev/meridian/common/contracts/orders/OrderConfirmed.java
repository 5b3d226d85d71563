package dev.meridian.common.contracts.orders;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.events.DomainEvent;

import java.util.List;

/** The order's payment was captured and the order moved PENDING → CONFIRMED: its stock is sold. */
public record OrderConfirmed(String orderId, String customerId, List<Line> lines) implements EventData {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }

    public static OrderConfirmed from(DomainEvent event) {
        EventReader in = new EventReader(EventType.ORDER_CONFIRMED, event);
        return new OrderConfirmed(in.text("orderId"), in.text("customerId"), in.lines());
    }
}

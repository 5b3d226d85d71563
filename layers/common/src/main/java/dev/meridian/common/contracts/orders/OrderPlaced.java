package dev.meridian.common.contracts.orders;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.events.DomainEvent;

import java.util.List;

/** Orders accepted an order (PENDING): inventory reserves its lines in the order's home region. */
public record OrderPlaced(String orderId, String customerId, List<Line> lines, long total, String currency)
        implements EventData {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }

    public static OrderPlaced from(DomainEvent event) {
        EventReader in = new EventReader(EventType.ORDER_PLACED, event);
        return new OrderPlaced(in.text("orderId"), in.text("customerId"), in.lines(), in.count("total"), in.text("currency"));
    }
}

package dev.meridian.common.contracts.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;

import java.util.List;
import java.util.Objects;

/** Orders accepted an order (PENDING): inventory reserves its lines in the order's home region. */
public record OrderPlaced(String orderId, String customerId, List<Line> lines, long total, String currency)
        implements EventData {

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
    }

    @Override
    public ObjectNode toData() {
        ObjectNode data = Json.object().put("orderId", orderId).put("customerId", customerId);
        EventReader.writeLines(data, lines);
        return data.put("total", total).put("currency", currency);
    }

    public static OrderPlaced from(DomainEvent event) {
        EventReader in = new EventReader(EventType.ORDER_PLACED, event);
        return new OrderPlaced(in.text("orderId"), in.text("customerId"), in.lines(), in.count("total"), in.text("currency"));
    }
}

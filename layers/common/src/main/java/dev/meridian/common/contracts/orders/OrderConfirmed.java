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

/** The order's payment was captured and the order moved PENDING → CONFIRMED: its stock is sold. */
public record OrderConfirmed(String orderId, String customerId, List<Line> lines) implements EventData {

    public OrderConfirmed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        lines = List.copyOf(lines);
    }

    @Override
    public ObjectNode toData() {
        ObjectNode data = Json.object().put("orderId", orderId).put("customerId", customerId);
        EventReader.writeLines(data, lines);
        return data;
    }

    public static OrderConfirmed from(DomainEvent event) {
        EventReader in = new EventReader(EventType.ORDER_CONFIRMED, event);
        return new OrderConfirmed(in.text("orderId"), in.text("customerId"), in.lines());
    }
}

package dev.meridian.common.contracts.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every line of the order is reserved in its home region until {@code expiresAt}: the facts of
 * inventory's reservation, nothing more (payments charges from its own record of the order's
 * {@code PaymentRequested}).
 */
public record InventoryReserved(String orderId, List<Line> lines, Instant expiresAt) implements EventData {

    public InventoryReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        lines = List.copyOf(lines);
    }

    @Override
    public ObjectNode toData() {
        ObjectNode data = Json.object().put("orderId", orderId);
        EventReader.writeLines(data, lines);
        return data.put("expiresAt", expiresAt.toString());
    }

    public static InventoryReserved from(DomainEvent event) {
        EventReader in = new EventReader(EventType.INVENTORY_RESERVED, event);
        return new InventoryReserved(in.text("orderId"), in.lines(), in.instant("expiresAt"));
    }
}

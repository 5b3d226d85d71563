package dev.meridian.common.contracts.inventory;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.events.DomainEvent;

import java.time.Instant;
import java.util.List;

/**
 * Every line of the order is reserved in its home region until {@code expiresAt}: the facts of
 * inventory's reservation, nothing more (payments charges from its own record of the order's
 * {@code PaymentRequested}).
 */
public record InventoryReserved(String orderId, List<Line> lines, Instant expiresAt) implements EventData {

    public InventoryReserved {
        lines = List.copyOf(lines);
    }

    public static InventoryReserved from(DomainEvent event) {
        EventReader in = new EventReader(EventType.INVENTORY_RESERVED, event);
        return new InventoryReserved(in.text("orderId"), in.lines(), in.instant("expiresAt"));
    }
}

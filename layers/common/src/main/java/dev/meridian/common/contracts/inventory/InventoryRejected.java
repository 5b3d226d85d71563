package dev.meridian.common.contracts.inventory;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;

import java.util.List;
import java.util.Set;

/** A line of the order could not be reserved; nothing was reserved. */
public record InventoryRejected(String orderId, String reason, List<String> skus) implements EventData {

    public static final String OUT_OF_STOCK = "OUT_OF_STOCK";

    public InventoryRejected {
        if (!OUT_OF_STOCK.equals(reason)) {
            throw new IllegalArgumentException("reason must be " + OUT_OF_STOCK);
        }
        skus = List.copyOf(skus);
    }

    public static InventoryRejected outOfStock(String orderId, List<String> skus) {
        return new InventoryRejected(orderId, OUT_OF_STOCK, skus);
    }

    public static InventoryRejected from(DomainEvent event) {
        EventReader in = new EventReader(EventType.INVENTORY_REJECTED, event);
        return new InventoryRejected(in.text("orderId"), in.oneOf("reason", Set.of(OUT_OF_STOCK)), in.texts("skus"));
    }
}

package dev.meridian.inventory.adapters;

import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.contracts.orders.OrderPlaced;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.inventory.app.InventoryService;

/**
 * Reads the events inventory consumes (InventoryQueue: OrderPlaced, OrderConfirmed,
 * OrderCancelled) into their contract records and hands each to its use case. A malformed
 * event is refused here, before any read or write.
 */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    public static void dispatch(DomainEvent event, InventoryService service) {
        EventType type = EventType.of(event).orElseThrow(() -> notConsumed(event));
        switch (type) {
            case ORDER_PLACED -> service.onOrderPlaced(OrderPlaced.from(event), event.envelope().region(),
                    event.envelope().traceparent());
            case ORDER_CONFIRMED -> service.onOrderConfirmed(OrderConfirmed.from(event));
            case ORDER_CANCELLED -> service.onOrderCancelled(OrderCancelled.from(event));
            default -> throw notConsumed(event);
        }
    }

    private static MalformedEventException notConsumed(DomainEvent event) {
        return new MalformedEventException("inventory does not consume " + event.source() + "/" + event.detailType());
    }
}

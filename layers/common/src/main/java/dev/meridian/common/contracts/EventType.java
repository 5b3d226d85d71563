package dev.meridian.common.contracts;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;

import java.util.Arrays;
import java.util.Optional;

/** Every event type Meridian emits, with the service that owns it. */
public enum EventType {
    ORDER_PLACED(Sources.ORDERS, "OrderPlaced"),
    PAYMENT_REQUESTED(Sources.ORDERS, "PaymentRequested"),
    ORDER_CONFIRMED(Sources.ORDERS, "OrderConfirmed"),
    ORDER_CANCELLED(Sources.ORDERS, "OrderCancelled"),
    INVENTORY_RESERVED(Sources.INVENTORY, "InventoryReserved"),
    INVENTORY_REJECTED(Sources.INVENTORY, "InventoryRejected"),
    RESERVATION_EXPIRED(Sources.INVENTORY, "ReservationExpired"),
    PAYMENT_CAPTURED(Sources.PAYMENTS, "PaymentCaptured"),
    PAYMENT_FAILED(Sources.PAYMENTS, "PaymentFailed"),
    PAYMENT_REFUNDED(Sources.PAYMENTS, "PaymentRefunded");

    /** The EventBridge {@code source} of each producing service. */
    public static final class Sources {
        public static final String ORDERS = "meridian.orders";
        public static final String INVENTORY = "meridian.inventory";
        public static final String PAYMENTS = "meridian.payments";

        private Sources() {
        }
    }

    private final String source;
    private final String detailType;

    EventType(String source, String detailType) {
        this.source = source;
        this.detailType = detailType;
    }

    public String source() {
        return source;
    }

    public String detailType() {
        return detailType;
    }

    /** The schema file of this type in {@code events/schemas/}: the kebab-case of the detail-type. */
    public String schemaFile() {
        return detailType.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT) + ".schema.json";
    }

    public boolean matches(DomainEvent event) {
        return source.equals(event.source()) && detailType.equals(event.detailType());
    }

    /** The type of {@code event}, if it is one Meridian emits (source and detail-type both agree). */
    public static Optional<EventType> of(DomainEvent event) {
        return Arrays.stream(values()).filter(t -> t.matches(event)).findFirst();
    }

    /** Refuses an event of another type: the caller asked to read {@code this}. */
    public void require(DomainEvent event) {
        if (!matches(event)) {
            throw new MalformedEventException("expected " + source + "/" + detailType + ", got " + event.source() + "/"
                    + event.detailType() + " (event " + event.eventId() + ")");
        }
    }
}

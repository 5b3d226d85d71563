package dev.meridian.common.contracts;

import dev.meridian.common.contracts.inventory.InventoryRejected;
import dev.meridian.common.contracts.inventory.InventoryReserved;
import dev.meridian.common.contracts.inventory.ReservationExpired;
import dev.meridian.common.contracts.orders.CancelRequested;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.contracts.orders.OrderPlaced;
import dev.meridian.common.contracts.orders.PaymentRequested;
import dev.meridian.common.contracts.payments.PaymentCaptured;
import dev.meridian.common.contracts.payments.PaymentFailed;
import dev.meridian.common.contracts.payments.PaymentRefunded;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;

import java.util.Arrays;
import java.util.Optional;

/** Every event type Meridian emits, with the service that owns it. */
public enum EventType {
    ORDER_PLACED(Sources.ORDERS, "OrderPlaced", OrderPlaced.class),
    PAYMENT_REQUESTED(Sources.ORDERS, "PaymentRequested", PaymentRequested.class),
    ORDER_CONFIRMED(Sources.ORDERS, "OrderConfirmed", OrderConfirmed.class),
    ORDER_CANCELLED(Sources.ORDERS, "OrderCancelled", OrderCancelled.class),
    CANCEL_REQUESTED(Sources.ORDERS, "CancelRequested", CancelRequested.class),
    INVENTORY_RESERVED(Sources.INVENTORY, "InventoryReserved", InventoryReserved.class),
    INVENTORY_REJECTED(Sources.INVENTORY, "InventoryRejected", InventoryRejected.class),
    RESERVATION_EXPIRED(Sources.INVENTORY, "ReservationExpired", ReservationExpired.class),
    PAYMENT_CAPTURED(Sources.PAYMENTS, "PaymentCaptured", PaymentCaptured.class),
    PAYMENT_FAILED(Sources.PAYMENTS, "PaymentFailed", PaymentFailed.class),
    PAYMENT_REFUNDED(Sources.PAYMENTS, "PaymentRefunded", PaymentRefunded.class);

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
    private final Class<? extends EventData> record;

    EventType(String source, String detailType, Class<? extends EventData> record) {
        this.source = source;
        this.detailType = detailType;
        this.record = record;
    }

    /** The type whose contract record is {@code data}'s class. */
    static EventType of(EventData data) {
        for (EventType type : values()) {
            if (type.record == data.getClass()) {
                return type;
            }
        }
        throw new IllegalStateException(data.getClass().getName() + " is not listed in EventType");
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

package dev.meridian.common.contracts.inventory;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;

import java.time.Instant;

/** The sweeper found the order's reservation past {@code expiredAt}, not confirmed. */
public record ReservationExpired(String orderId, Instant expiredAt) implements EventData {

    public static ReservationExpired from(DomainEvent event) {
        EventReader in = new EventReader(EventType.RESERVATION_EXPIRED, event);
        return new ReservationExpired(in.text("orderId"), in.instant("expiredAt"));
    }
}

package dev.meridian.common.contracts.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;

import java.time.Instant;
import java.util.Objects;

/** The sweeper found the order's reservation past {@code expiredAt}, not confirmed. */
public record ReservationExpired(String orderId, Instant expiredAt) implements EventData {

    public ReservationExpired {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(expiredAt, "expiredAt");
    }

    @Override
    public ObjectNode toData() {
        return Json.object().put("orderId", orderId).put("expiredAt", expiredAt.toString());
    }

    public static ReservationExpired from(DomainEvent event) {
        EventReader in = new EventReader(EventType.RESERVATION_EXPIRED, event);
        return new ReservationExpired(in.text("orderId"), in.instant("expiredAt"));
    }
}

package dev.meridian.inventory.domain;

import java.time.Instant;
import java.util.List;

public record Reservation(String orderId, String region, List<OrderLine> lines, ReservationStatus status, Instant expiresAt) {
}

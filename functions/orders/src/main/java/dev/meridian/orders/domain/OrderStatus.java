package dev.meridian.orders.domain;

/** PENDING → CONFIRMED → CANCELLED (customer), or PENDING → CANCELLED. Never backwards. */
public enum OrderStatus {
    PENDING, CONFIRMED, CANCELLED
}

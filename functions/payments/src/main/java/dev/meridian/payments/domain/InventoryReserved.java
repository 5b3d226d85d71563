package dev.meridian.payments.domain;

import java.util.Objects;

/** The part of an InventoryReserved event that payments acts on: this order's stock is held, it may be charged. */
public record InventoryReserved(String orderId) {
    public InventoryReserved {
        Objects.requireNonNull(orderId, "orderId");
    }
}

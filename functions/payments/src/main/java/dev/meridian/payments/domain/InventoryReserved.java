package dev.meridian.payments.domain;

import java.util.Objects;

/** The part of an InventoryReserved event that payments acts on: charge this order. */
public record InventoryReserved(String orderId, Money total, PaymentToken paymentToken) {
    public InventoryReserved {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(paymentToken, "paymentToken");
    }
}

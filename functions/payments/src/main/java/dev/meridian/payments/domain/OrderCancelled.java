package dev.meridian.payments.domain;

import java.util.Objects;

/** The part of an OrderCancelled event that payments acts on: void or refund this order's payment. */
public record OrderCancelled(String orderId, String reason) {
    public OrderCancelled {
        Objects.requireNonNull(orderId, "orderId");
    }
}

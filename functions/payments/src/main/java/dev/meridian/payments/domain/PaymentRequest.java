package dev.meridian.payments.domain;

import java.util.Objects;

/** The charge an order asks for (from its PaymentRequested event): this amount, with this token. */
public record PaymentRequest(String orderId, Money money, PaymentToken token) {
    public PaymentRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(money, "money");
        Objects.requireNonNull(token, "token");
    }
}

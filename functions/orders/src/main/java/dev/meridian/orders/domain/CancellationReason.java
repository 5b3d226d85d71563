package dev.meridian.orders.domain;

public enum CancellationReason {
    OUT_OF_STOCK, PAYMENT_DECLINED, CUSTOMER_CANCELLED, RESERVATION_EXPIRED
}

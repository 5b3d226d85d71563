package dev.meridian.orders.domain;

import java.time.Instant;
import java.util.List;

/**
 * An order, written only in its home region. {@code version} grows by one on every
 * change; every write is conditional on the version it was decided from.
 */
public record Order(String orderId, String customerId, List<OrderLine> lines, long total, String currency,
                    OrderStatus status, PaymentStatus paymentStatus, CancellationReason cancellationReason,
                    long version, String homeRegion, Instant createdAt, Instant updatedAt) {

    public Order {
        lines = List.copyOf(lines);
    }

    public static Order place(String orderId, String customerId, List<OrderLine> lines, String currency,
                              String homeRegion, Instant now) {
        long total = lines.stream().mapToLong(l -> Math.multiplyExact(l.unitPrice(), l.quantity())).sum();
        return new Order(orderId, customerId, lines, total, currency, OrderStatus.PENDING, PaymentStatus.PENDING,
                null, 1, homeRegion, now, now);
    }

    Order with(OrderStatus status, PaymentStatus paymentStatus, CancellationReason reason, Instant now) {
        return new Order(orderId, customerId, lines, total, currency, status, paymentStatus, reason, version + 1,
                homeRegion, createdAt, now);
    }
}

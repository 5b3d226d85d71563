package dev.meridian.orders.app;

import java.util.List;

/** A validated order request. {@code paymentToken} is an opaque processor token, never logged. */
public record PlaceOrder(String customerId, List<Line> lines, String paymentToken, String idempotencyKey, String traceparent) {

    public record Line(String sku, long quantity) {
    }

    /** The request's canonical form for idempotency comparison (the token only as a hash input). */
    public String canonical() {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.sku()).append('x').append(l.quantity()).append(';'));
        return sb.append('|').append(paymentToken).toString();
    }

    @Override
    public String toString() {
        return "PlaceOrder[customerId=" + customerId + ", lines=" + lines + ", paymentToken=<redacted>]";
    }
}

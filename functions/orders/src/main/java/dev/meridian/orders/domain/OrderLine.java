package dev.meridian.orders.domain;

/** One line of an order; {@code unitPrice} in minor units, fixed when the order was placed. */
public record OrderLine(String sku, long quantity, long unitPrice) {
}

package dev.meridian.common.contracts;

/** One order line as events carry it: {@code {"sku": "...", "quantity": n}}. */
public record Line(String sku, long quantity) {

    public Line {
        if (sku == null || sku.isEmpty()) {
            throw new IllegalArgumentException("line sku is empty");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("line quantity must be positive");
        }
    }
}

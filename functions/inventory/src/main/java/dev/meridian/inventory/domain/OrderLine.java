package dev.meridian.inventory.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public record OrderLine(String sku, long quantity) {

    public OrderLine {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }

    /** Lines with the same sku merged (a transaction may touch an item only once). */
    public static List<OrderLine> merge(List<OrderLine> lines) {
        Map<String, Long> bySku = new LinkedHashMap<>();
        lines.forEach(l -> bySku.merge(l.sku(), l.quantity(), Long::sum));
        return bySku.entrySet().stream().map(e -> new OrderLine(e.getKey(), e.getValue())).toList();
    }
}

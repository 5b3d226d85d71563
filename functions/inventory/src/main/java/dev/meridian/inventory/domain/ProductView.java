package dev.meridian.inventory.domain;

import java.util.Map;

/**
 * A product with this region's stock, as the API shows it, and every region's allocation this
 * replica holds ({@code regions}, by region; only this region's own entry is authoritative).
 */
public record ProductView(Product product, Stock stock, Map<String, Stock> regions) {

    public ProductView {
        regions = Map.copyOf(regions);
    }

    public ProductView(Product product, Stock stock) {
        this(product, stock, Map.of());
    }
}

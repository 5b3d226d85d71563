package dev.meridian.inventory.domain;

/** A product with this region's stock, as the API shows it. */
public record ProductView(Product product, Stock stock) {
}

package dev.meridian.inventory.app;

/** No product with that sku in the catalog. */
public final class ProductNotFoundException extends RuntimeException {

    public ProductNotFoundException(String sku) {
        super("product not found: " + sku);
    }
}

package dev.meridian.inventory.app;

import dev.meridian.inventory.domain.Product;
import dev.meridian.inventory.domain.ProductView;
import dev.meridian.inventory.domain.Stock;

import java.util.List;

/** Catalog and stock use cases behind the products API. */
public final class ProductsService {

    private final InventoryRepository repository;

    public ProductsService(InventoryRepository repository) {
        this.repository = repository;
    }

    public List<ProductView> list() {
        return repository.list();
    }

    public ProductView get(String sku) {
        return repository.find(sku).orElseThrow(() -> new ProductNotFoundException(sku));
    }

    /**
     * The admin stock view: this region's allocation and every region's as this replica sees it,
     * this region always included (zeros before its first restock).
     */
    public StockView stock(String sku) {
        ProductView view = get(sku);
        java.util.Map<String, Stock> regions = new java.util.TreeMap<>(view.regions());
        regions.put(repository.region(), view.stock());
        return new StockView(sku, repository.region(), view.stock(), regions);
    }

    /** One sku's allocations: {@code allocation} is {@code region}'s own (authoritative); {@code regions} includes it. */
    public record StockView(String sku, String region, Stock allocation, java.util.Map<String, Stock> regions) {
    }

    /** @return true when the product was created, false when updated */
    public boolean put(Product product) {
        return repository.upsert(product);
    }

    /**
     * Adds stock. {@code restockId} (derived from the request's key, or null) makes
     * the restock safe to run again: a retry after a failure whose outcome was unknown finds
     * it applied instead of adding the quantity twice.
     */
    public ProductView restock(String sku, long quantity, String restockId) {
        Product product = get(sku).product();
        Stock stock = repository.restock(sku, quantity, restockId).orElseThrow(() -> new ProductNotFoundException(sku));
        return new ProductView(product, stock);
    }
}

package dev.meridian.orders.app;

import java.util.Collection;
import java.util.Map;

/** Port: the catalog's current prices (read-only). */
public interface Catalog {

    record Price(long amount, String currency) {
    }

    /** Prices of the skus that exist; unknown skus are absent from the map. */
    Map<String, Price> prices(Collection<String> skus);
}

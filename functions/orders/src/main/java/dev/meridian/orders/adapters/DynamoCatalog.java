package dev.meridian.orders.adapters;

import dev.meridian.common.readmodels.inventory.ProductPrices;
import dev.meridian.orders.app.Catalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The catalog's prices through inventory's published read model ({@link ProductPrices}); orders knows no inventory key. */
public final class DynamoCatalog implements Catalog {

    private final ProductPrices prices;

    public DynamoCatalog(DynamoDbClient dynamoDb, String inventoryTable) {
        this.prices = new ProductPrices(dynamoDb, inventoryTable);
    }

    @Override
    public Map<String, Price> prices(Collection<String> skus) {
        Map<String, Price> out = new HashMap<>();
        prices.prices(skus).forEach((sku, p) -> out.put(sku, new Price(p.amount(), p.currency())));
        return out;
    }
}

package dev.meridian.common.readmodels.inventory;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The read model inventory publishes to other services: current catalog prices, read from
 * inventory's product items. Inventory owns the item and its key; this class is the one home of
 * the product key format ({@link #productKey}), which inventory's own repository uses too, so
 * another service reads prices through this port and never spells an inventory key.
 */
public final class ProductPrices {

    /** The partition of every item about one sku: {@code PRODUCT#<sku>}. */
    public static final String PRODUCT_PARTITION = "PRODUCT#";
    /** The sort key of the product item itself (name, price, currency). */
    public static final String PRODUCT_ITEM = "PRODUCT";
    static final int MAX_ATTEMPTS = 10;

    /** A price in minor units of {@code currency}. */
    public record Price(long amount, String currency) {
    }

    private final DynamoDbClient dynamoDb;
    private final String inventoryTable;

    public ProductPrices(DynamoDbClient dynamoDb, String inventoryTable) {
        this.dynamoDb = dynamoDb;
        this.inventoryTable = inventoryTable;
    }

    /** The partition key value of {@code sku}'s items. */
    public static AttributeValue partition(String sku) {
        return AttributeValue.fromS(PRODUCT_PARTITION + sku);
    }

    /** The key of {@code sku}'s product item. */
    public static Map<String, AttributeValue> productKey(String sku) {
        return Map.of("pk", partition(sku), "sk", AttributeValue.fromS(PRODUCT_ITEM));
    }

    /** Prices of the skus that exist (strongly consistent); unknown skus are absent from the map. */
    public Map<String, Price> prices(Collection<String> skus) {
        Map<String, Price> out = new HashMap<>();
        if (skus.isEmpty()) {
            return out;
        }
        List<Map<String, AttributeValue>> keys = skus.stream().map(ProductPrices::productKey).toList();
        Map<String, KeysAndAttributes> request = Map.of(inventoryTable, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("catalog read left keys unprocessed after " + MAX_ATTEMPTS + " attempts");
            }
            var response = dynamoDb.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
            for (var item : response.responses().getOrDefault(inventoryTable, List.of())) {
                out.put(item.get("sku").s(), new Price(Long.parseLong(item.get("price").n()), item.get("currency").s()));
            }
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return out;
    }
}

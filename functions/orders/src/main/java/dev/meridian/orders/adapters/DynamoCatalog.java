package dev.meridian.orders.adapters;

import dev.meridian.orders.app.Catalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads prices from the inventory table's product items ({@code PRODUCT#<sku>} / {@code PRODUCT}). */
public final class DynamoCatalog implements Catalog {

    private final DynamoDbClient dynamoDb;
    private final String inventoryTable;

    public DynamoCatalog(DynamoDbClient dynamoDb, String inventoryTable) {
        this.dynamoDb = dynamoDb;
        this.inventoryTable = inventoryTable;
    }

    @Override
    public Map<String, Price> prices(Collection<String> skus) {
        Map<String, Price> out = new HashMap<>();
        if (skus.isEmpty()) {
            return out;
        }
        List<Map<String, AttributeValue>> keys = skus.stream().map(sku -> Map.of(
                "pk", AttributeValue.fromS("PRODUCT#" + sku), "sk", AttributeValue.fromS("PRODUCT"))).toList();
        Map<String, KeysAndAttributes> request = Map.of(inventoryTable, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; !request.isEmpty(); attempt++) {
            if (attempt > 10) {
                throw new IllegalStateException("catalog read left keys unprocessed after 10 attempts");
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

package dev.meridian.orders.adapters;

import dev.meridian.orders.app.StorageProbe;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Objects;

/**
 * The health probe on DynamoDB: a GetItem of a fixed key of the orders table that no order
 * can have (order ids are {@code ord-...}), so it reads nothing and writes nothing, with the
 * same permission the API already holds. Eventually consistent: it asks the local replica only.
 */
public final class DynamoStorageProbe implements StorageProbe {

    static final String HEALTH_KEY = "HEALTH#probe";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoStorageProbe(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public void check() {
        try {
            dynamoDb.getItem(b -> b.tableName(table).key(Map.of("orderId", AttributeValue.fromS(HEALTH_KEY))));
        } catch (SdkException e) {
            throw new StorageUnavailableException("DynamoDB GetItem on " + table + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}

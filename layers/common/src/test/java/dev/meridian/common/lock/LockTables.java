package dev.meridian.common.lock;

import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

/** Tables for lock tests: a fresh locks table, and a fresh table of protected data items keyed by {@code id}. */
final class LockTables {

    private LockTables() {
    }

    static String newLocksTable() {
        return TemplateTables.create(LocalEngines.dynamoDb(), "LocksTable", LocalEngines.uniqueName("locks"));
    }

    static String newDataTable() {
        String name = LocalEngines.uniqueName("data");
        DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
        dynamoDb.createTable(CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build());
        return name;
    }

    static Map<String, AttributeValue> get(String table, String keyName, String key) {
        return LocalEngines.dynamoDb().getItem(GetItemRequest.builder()
                .tableName(table)
                .key(Map.of(keyName, AttributeValue.fromS(key)))
                .consistentRead(true)
                .build()).item();
    }

    static Map<String, AttributeValue> lockItem(String locksTable, String lockKey) {
        return get(locksTable, LockTableSchema.LOCK_KEY, lockKey);
    }
}

package dev.meridian.payments.adapters;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the payments table ({@code orderId} S) and the sandbox ledger table ({@code pk}
 * S + {@code sk} S) as the template declares them, for tests and the local runtime. In AWS
 * the template creates them; this is never called there.
 */
public final class PaymentsTables {

    private PaymentsTables() {
    }

    /** Creates both tables; a table that already exists is left as it is. Returns once both are ACTIVE. */
    public static void create(DynamoDbClient dynamoDb, String paymentsTable, String ledgerTable) {
        createTable(dynamoDb, DynamoPaymentRepository.requireName(paymentsTable, "payments table name"), "orderId", null);
        createTable(dynamoDb, DynamoPaymentRepository.requireName(ledgerTable, "sandbox ledger table name"), "pk", "sk");
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(paymentsTable));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(ledgerTable));
    }

    private static void createTable(DynamoDbClient dynamoDb, String name, String hashKey, String rangeKey) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(hashKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
        if (rangeKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(rangeKey).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
        }
        try {
            dynamoDb.createTable(CreateTableRequest.builder()
                    .tableName(name)
                    .attributeDefinitions(attributes)
                    .keySchema(keys)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(StreamSpecification.builder()
                            .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                    .build());
        } catch (ResourceInUseException e) {
            // already there (a restarted local runtime on a persistent data directory): keep it
        }
    }
}

package dev.meridian.common.lock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The locks table ({@code LocksTable} in the template, {@code LOCKS_TABLE} in the
 * environment): one item per lock key.
 *
 * <pre>
 * lockKey    S  hash key: the resource the lock protects, e.g. "reservation-sweeper#eu-west-1"
 * owner      S  the current holder; absent when the lock is released
 * acquireId  S  a random id of the acquire attempt that took the key (recognises an SDK retry of our own write)
 * token      N  the fencing token of the latest acquire; only grows, never removed
 * leaseUntil N  epoch millis (holder's clock) until which the holder may act
 * ttl        N  epoch seconds; DynamoDB TTL deletes the item after this (long after leaseUntil)
 * </pre>
 */
public final class LockTableSchema {

    public static final String LOCK_KEY = "lockKey";
    public static final String OWNER = "owner";
    public static final String ACQUIRE_ID = "acquireId";
    public static final String TOKEN = "token";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String TTL = "ttl";

    private LockTableSchema() {
    }

    /**
     * Creates the locks table (on-demand, hash key {@code lockKey}, TTL on {@code ttl}) and
     * waits until it is active. For tests and the local runtime; in AWS the template creates it.
     * An existing table of that name is left as it is.
     */
    public static void create(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.createTable(CreateTableRequest.builder()
                    .tableName(tableName)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(LOCK_KEY).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(LOCK_KEY).keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .build());
        } catch (ResourceInUseException alreadyThere) {
            return;
        }
        dynamoDb.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(tableName).build());
        dynamoDb.updateTimeToLive(UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(TTL).enabled(true).build())
                .build());
    }
}

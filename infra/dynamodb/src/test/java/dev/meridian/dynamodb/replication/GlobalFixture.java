package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.DynamoDbEngine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A global-mode engine (three regions, in memory) with an SDK client per region. Each test class
 * makes its own: lag, jitter and cuts are engine-wide settings, so classes running at once must
 * not share them; tables are named uniquely anyway.
 */
final class GlobalFixture implements AutoCloseable {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

    final DynamoDbEngine engine;
    final Replication replication;
    final Map<String, DynamoDbClient> clients = new LinkedHashMap<>();

    GlobalFixture(DynamoDbEngine.Builder builder) {
        engine = builder.regions(REGIONS).port(0).build().start();
        replication = engine.replication();
        for (String r : REGIONS) clients.put(r, client(r));
    }

    GlobalFixture() {
        this(DynamoDbEngine.builder());
    }

    DynamoDbClient client(String region) {
        return DynamoDbClient.builder()
                .endpointOverride(engine.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    /** A table (pk S) with a NEW_AND_OLD_IMAGES stream in every region, made global. */
    String globalTable(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        for (DynamoDbClient c : clients.values()) {
            c.createTable(b -> b.tableName(name)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
        }
        replication.replicate(name);
        return name;
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    static Map<String, AttributeValue> item(String pk, String attr, AttributeValue v) {
        return Map.of("pk", s(pk), attr, v);
    }

    Map<String, AttributeValue> get(String region, String table, String pk) {
        Map<String, AttributeValue> item = clients.get(region).getItem(r -> r.tableName(table).key(Map.of("pk", s(pk)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    void awaitDelivered() throws InterruptedException {
        if (!replication.awaitDelivered(Duration.ofSeconds(30))) {
            throw new AssertionError("replication did not drain in 30 s: " + replication.stats());
        }
    }

    @Override
    public void close() {
        for (DynamoDbClient c : clients.values()) c.close();
        engine.close();
    }
}

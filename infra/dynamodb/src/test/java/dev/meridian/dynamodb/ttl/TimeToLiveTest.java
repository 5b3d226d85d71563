package dev.meridian.dynamodb.ttl;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.stream.MutableClock;
import dev.meridian.dynamodb.stream.StreamSettings;
import dev.meridian.dynamodb.stream.StreamsPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TTL with a clock the test moves and sweeps the test runs itself: never early, deleted after,
 * through the normal write path (stream record naming the service, index entry gone).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeToLiveTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private DynamoDbEngine engine;
    private TtlPlugin ttl;
    private DynamoDbClient db;
    private DynamoDbStreamsClient streams;

    @BeforeAll
    void start() {
        ttl = new TtlPlugin(null, null); // no background sweeps: the test sweeps
        engine = DynamoDbEngine.builder().discoverPlugins(false).clock(clock)
                .plugin(new StreamsPlugin(StreamSettings.defaults().withRollover(Duration.ofDays(30), 1_000_000), null))
                .plugin(ttl).build().start();
        db = DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(engine.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    void stop() {
        db.close();
        streams.close();
        engine.close();
    }

    private String table(boolean stream) {
        String name = "ttl_" + UUID.randomUUID().toString().substring(0, 8);
        db.createTable(r -> {
            r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                            .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build());
            if (stream) {
                r.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
            }
        });
        return name;
    }

    private void enableTtl(String table) {
        db.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.attributeName("expires").enabled(true)));
    }

    private long nowSeconds() {
        return clock.millis() / 1000;
    }

    private void put(String table, String pk, AttributeValue expires) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("pk", AttributeValue.fromS(pk), "g", AttributeValue.fromS("all")));
        if (expires != null) item.put("expires", expires);
        db.putItem(r -> r.tableName(table).item(item));
    }

    private boolean exists(String table, String pk) {
        return db.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true)).hasItem()
                && !db.getItem(r -> r.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk)))).item().isEmpty();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    @Test
    void expiredItem_shouldBeDeletedOnlyOnceItsTimeHasPassed() {
        // given
        String t = table(false);
        enableTtl(t);
        long expires = nowSeconds() + 60;
        put(t, "a", n(expires));
        // when: the clock reaches the TTL itself (not past it)
        clock.advance(Duration.ofSeconds(60));
        int atExpiry = ttl.reaper().sweep();
        boolean visibleAtExpiry = exists(t, "a");
        clock.advance(Duration.ofSeconds(1));
        int after = ttl.reaper().sweep();
        // then
        assertThat(atExpiry).isZero();
        assertThat(visibleAtExpiry).isTrue();
        assertThat(after).isEqualTo(1);
        assertThat(exists(t, "a")).isFalse();
        assertThat(db.scan(r -> r.tableName(t).indexName("byG")).items()).isEmpty();
    }

    @Test
    void expiredButNotYetSwept_shouldStillBeReadable() {
        String t = table(false);
        enableTtl(t);
        put(t, "a", n(nowSeconds() - 10));
        assertThat(exists(t, "a")).isTrue(); // DynamoDB too shows expired items until it deletes them
        assertThat(ttl.reaper().sweep()).isEqualTo(1);
        assertThat(exists(t, "a")).isFalse();
    }

    @Test
    void ttlDeletion_shouldAppearInTheStream_asARemoveByTheService() {
        // given
        String t = table(true);
        enableTtl(t);
        put(t, "a", n(nowSeconds() + 5));
        db.deleteItem(r -> r.tableName(t).key(Map.of("pk", AttributeValue.fromS("none"))));
        put(t, "b", null);
        db.deleteItem(r -> r.tableName(t).key(Map.of("pk", AttributeValue.fromS("b"))));
        // when
        clock.advance(Duration.ofSeconds(6));
        ttl.reaper().sweep();
        // then
        String arn = db.describeTable(r -> r.tableName(t)).table().latestStreamArn();
        String shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().get(0).shardId();
        String it = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = streams.getRecords(r -> r.shardIterator(it)).records();
        assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.INSERT,
                OperationType.REMOVE, OperationType.REMOVE);
        Record byClient = records.get(2);
        Record byTtl = records.get(3);
        assertThat(byClient.userIdentity()).isNull();
        assertThat(byTtl.dynamodb().keys()).isEqualTo(Map.of("pk", AttributeValue.fromS("a")));
        assertThat(byTtl.dynamodb().oldImage()).containsKey("expires");
        assertThat(byTtl.userIdentity()).isNotNull();
        assertThat(byTtl.userIdentity().type()).isEqualTo("Service");
        assertThat(byTtl.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
    }

    @Test
    void itemRewrittenWithALaterTtl_shouldNotBeDeletedAtTheFirstOne() {
        // given
        String t = table(false);
        enableTtl(t);
        put(t, "a", n(nowSeconds() + 10));
        put(t, "a", n(nowSeconds() + 100));
        // when
        clock.advance(Duration.ofSeconds(11));
        int first = ttl.reaper().sweep();
        // then
        assertThat(first).isZero();
        assertThat(exists(t, "a")).isTrue();
        clock.advance(Duration.ofSeconds(90));
        assertThat(ttl.reaper().sweep()).isEqualTo(1);
        assertThat(exists(t, "a")).isFalse();
    }

    @Test
    void itemsWithoutANumericTtl_orFromLongAgo_orWithTtlDisabled_shouldStay() {
        // given
        String t = table(false);
        enableTtl(t);
        put(t, "string", AttributeValue.fromS(Long.toString(nowSeconds() - 10)));
        put(t, "none", null);
        put(t, "ancient", n(nowSeconds() - 6L * 365 * 24 * 3600)); // more than five years past: DynamoDB ignores it
        put(t, "due", n(nowSeconds() - 1));
        String off = table(false);
        put(off, "due", n(nowSeconds() - 1));
        // when
        clock.advance(Duration.ofSeconds(1));
        int deleted = ttl.reaper().sweep();
        // then
        assertThat(deleted).isEqualTo(1);
        assertThat(exists(t, "due")).isFalse();
        assertThat(exists(t, "string")).isTrue();
        assertThat(exists(t, "none")).isTrue();
        assertThat(exists(t, "ancient")).isTrue();
        assertThat(exists(off, "due")).isTrue();
    }

    @Test
    void enablingTtl_shouldCoverItemsWrittenBefore() {
        // given
        String t = table(false);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            put(t, "k" + i, n(nowSeconds() - 1));
            keys.add("k" + i);
        }
        // when
        enableTtl(t);
        int deleted = ttl.reaper().sweep();
        // then
        assertThat(deleted).isEqualTo(20);
        assertThat(db.scan(r -> r.tableName(t)).items()).isEmpty();
        assertThat(ttl.reaper().indexed(t)).isZero();
    }

    @Test
    void updateAndDescribeTimeToLive_shouldFollowTheReference() {
        // given
        String t = table(false);
        // when / then
        assertThat(db.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        var updated = db.updateTimeToLive(r -> r.tableName(t).timeToLiveSpecification(s -> s.attributeName("expires").enabled(true)));
        assertThat(updated.timeToLiveSpecification().attributeName()).isEqualTo("expires");
        assertThat(updated.timeToLiveSpecification().enabled()).isTrue();
        TimeToLiveDescription d = db.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription();
        assertThat(d.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(d.attributeName()).isEqualTo("expires");
        assertThat(error(() -> enableTtl(t))).isEqualTo("ValidationException: TimeToLive is already enabled");
        assertThat(error(() -> db.updateTimeToLive(r -> r.tableName(t).timeToLiveSpecification(s -> s.attributeName("other").enabled(true)))))
                .isEqualTo("ValidationException: TimeToLive is active on a different AttributeName: current AttributeName is expires");
        db.updateTimeToLive(r -> r.tableName(t).timeToLiveSpecification(s -> s.attributeName("expires").enabled(false)));
        assertThat(db.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(error(() -> db.updateTimeToLive(r -> r.tableName(t).timeToLiveSpecification(s -> s.attributeName("expires").enabled(false)))))
                .isEqualTo("ValidationException: TimeToLive is already disabled");
        assertThat(error(() -> db.updateTimeToLive(r -> r.tableName(t + "_missing").timeToLiveSpecification(s -> s.attributeName("x").enabled(true)))))
                .startsWith("ResourceNotFoundException");
        assertThat(error(() -> db.updateTimeToLive(r -> r.tableName(t).timeToLiveSpecification(s -> s.enabled(true)))))
                .contains("timeToLiveSpecification.attributeName").startsWith("ValidationException");
        assertThat(error(() -> db.describeTimeToLive(r -> r.tableName(t + "_missing")))).startsWith("ResourceNotFoundException");
        // and DescribeTable of the disabled table stays unchanged by the failed calls
        assertThat(db.describeTimeToLive(r -> r.tableName(t)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
    }

    private static String error(Runnable call) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call::run);
        assertThat(e).isNotNull();
        return e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
}

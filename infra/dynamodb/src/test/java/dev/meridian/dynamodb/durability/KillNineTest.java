package dev.meridian.dynamodb.durability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine in a child JVM under a concurrent write load, killed with SIGKILL, restarted on the
 * same data directory: every acknowledged write is there (and in the stream), every transaction
 * of two items is there whole or not at all. The negative control runs the same load on an
 * engine without a data directory and shows the check does catch lost writes.
 */
class KillNineTest {

    private static final String TABLE = "load";
    private static final int THREADS = 4;

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
    }

    /** What the load saw: writes answered with success, and every transaction it attempted. */
    private record Load(Set<String> acknowledged, Set<String> attemptedPairs, Set<String> acknowledgedPairs) {
    }

    private static Load runUntilKilled(ChildEngine child) throws Exception {
        try (DynamoDbClient setup = client(child.endpoint)) {
            setup.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
        }
        ConcurrentLinkedQueue<String> acked = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> attemptedPairs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> ackedPairs = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try (DynamoDbClient db = client(child.endpoint)) {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            if (i % 3 == 0) {
                                String pair = "tx-" + thread + "-" + i;
                                attemptedPairs.add(pair);
                                db.transactWriteItems(r -> r.transactItems(
                                        TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pair + "-a"))).build()).build(),
                                        TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pair + "-b"))).build()).build()));
                                ackedPairs.add(pair);
                            } else {
                                String pk = "p-" + thread + "-" + i;
                                db.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS(pk), "pad", AttributeValue.fromS("x".repeat(200)))));
                                acked.add(pk);
                            }
                        } catch (RuntimeException e) {
                            if (stop.get()) return; // the engine is gone: this write's outcome is unknown, it is not counted
                            throw e;
                        }
                    }
                }
            }, "load-" + t);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        // kill in the middle of the load, once it has acknowledged a good number of writes
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (acked.size() + ackedPairs.size() < 300 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop.set(true);
        child.kill();
        for (Thread th : threads) th.join(30_000);
        return new Load(new HashSet<>(acked), new HashSet<>(attemptedPairs), new HashSet<>(ackedPairs));
    }

    private static Set<String> keys(DynamoDbClient db) {
        Set<String> out = new HashSet<>();
        db.scanPaginator(r -> r.tableName(TABLE)).items().forEach(i -> out.add(i.get("pk").s()));
        return out;
    }

    private static Set<String> streamInserts(URI endpoint) {
        try (DynamoDbClient db = client(endpoint);
             DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            String arn = db.describeTable(r -> r.tableName(TABLE)).table().latestStreamArn();
            Set<String> out = new HashSet<>();
            for (var shard : streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
                String it = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId()).shardIteratorType("TRIM_HORIZON")).shardIterator();
                while (it != null) {
                    String cur = it;
                    var page = streams.getRecords(r -> r.shardIterator(cur));
                    for (Record rec : page.records()) out.add(rec.dynamodb().keys().get("pk").s());
                    if (page.records().isEmpty()) break;
                    it = page.nextShardIterator();
                }
            }
            return out;
        }
    }

    @Test
    void killNine_shouldLoseNoAcknowledgedWrite_andApplyNoHalfTransaction(@TempDir Path scratch) throws Exception {
        // given
        Path dir = Files.createDirectory(scratch.resolve("data"));
        ChildEngine first = ChildEngine.start(dir, scratch);
        Load load = runUntilKilled(first);
        assertThat(load.acknowledged()).hasSizeGreaterThan(20);
        // when
        try (ChildEngine second = ChildEngine.start(dir, scratch); DynamoDbClient db = client(second.endpoint)) {
            Set<String> present = keys(db);
            // then
            assertThat(missing(load, present)).isEmpty();
            for (String pair : load.attemptedPairs()) {
                assertThat(present.contains(pair + "-a")).as("both items of %s or neither", pair).isEqualTo(present.contains(pair + "-b"));
            }
            assertThat(load.acknowledgedPairs()).allMatch(p -> present.contains(p + "-a"));
            assertThat(streamInserts(second.endpoint)).containsAll(load.acknowledged()).containsAll(present);
        }
        // and after a graceful stop (snapshot) the directory still opens with the same data
        try (ChildEngine third = ChildEngine.start(dir, scratch); DynamoDbClient db = client(third.endpoint)) {
            assertThat(missing(load, keys(db))).isEmpty();
        }
    }

    /** Acknowledged writes the restarted engine does not have. */
    private static Set<String> missing(Load load, Set<String> present) {
        Set<String> out = new HashSet<>(load.acknowledged());
        for (String pair : load.acknowledgedPairs()) {
            out.add(pair + "-a");
            out.add(pair + "-b");
        }
        out.removeAll(present);
        return out;
    }

    @Test
    void negativeControl_withoutADataDirectory_theCheckSeesTheLostWrites(@TempDir Path scratch) throws Exception {
        // given: the same load, but the engine keeps everything in memory
        ChildEngine first = ChildEngine.start(null, scratch);
        Load load = runUntilKilled(first);
        // when
        try (ChildEngine second = ChildEngine.start(null, scratch); DynamoDbClient db = client(second.endpoint)) {
            Set<String> present = db.listTables().tableNames().contains(TABLE) ? keys(db) : Set.of();
            // then: the same check reports the acknowledged writes as lost
            assertThat(missing(load, present)).hasSizeGreaterThan(20);
        }
    }
}

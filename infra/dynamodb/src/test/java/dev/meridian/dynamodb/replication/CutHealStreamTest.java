package dev.meridian.dynamodb.replication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.meridian.dynamodb.replication.GlobalFixture.REGIONS;
import static dev.meridian.dynamodb.replication.GlobalFixture.item;
import static dev.meridian.dynamodb.replication.GlobalFixture.n;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cut region neither sends nor receives; the heal delivers what waited, in order. Replicated
 * writes appear in each replica's own stream (GetRecords), exactly once each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CutHealStreamTest {

    private GlobalFixture g;

    @BeforeAll
    void start() {
        g = new GlobalFixture();
    }

    @AfterAll
    void stop() {
        for (String r : REGIONS) g.replication.heal(r);
        g.close();
    }

    private DynamoDbStreamsClient streams(String region) {
        return DynamoDbStreamsClient.builder().endpointOverride(g.engine.endpoint()).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Every record of the table's stream in that region, in order. */
    private List<Record> records(String region, String table) {
        String arn = g.clients.get(region).describeTable(r -> r.tableName(table)).table().latestStreamArn();
        List<Record> out = new ArrayList<>();
        try (DynamoDbStreamsClient s = streams(region)) {
            for (Shard shard : s.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
                String it = s.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (it != null) {
                    String cur = it;
                    GetRecordsResponse page = s.getRecords(r -> r.shardIterator(cur));
                    out.addAll(page.records());
                    if (page.records().isEmpty()) break;
                    it = page.nextShardIterator();
                }
            }
        }
        return out;
    }

    private static List<String> versions(List<Record> records, String pk) {
        List<String> out = new ArrayList<>();
        for (Record r : records) {
            if (!r.dynamodb().keys().get("pk").s().equals(pk)) continue;
            var image = r.dynamodb().newImage();
            out.add(r.eventNameAsString() + (image == null || image.isEmpty() ? "" : ":" + image.get("v").n()));
        }
        return out;
    }

    @Test
    void aCutRegionNeitherSendsNorReceivesAndTheHealDeliversInOrder() throws Exception {
        String t = g.globalTable("cut");
        g.replication.cut("eu-west-1");
        assertThat(g.replication.isCut("eu-west-1")).isTrue();
        assertThat(g.replication.isCut("us-east-1")).isFalse();
        try {
            for (int v = 1; v <= 5; v++) {
                int value = v;
                g.clients.get("us-east-1").putItem(r -> r.tableName(t).item(item("from-us", "v", n(value))));
            }
            g.clients.get("eu-west-1").putItem(r -> r.tableName(t).item(item("from-eu", "v", n(1))));
            assertThat(g.replication.awaitDue(Duration.ofSeconds(30))).isTrue();
            assertThat(g.get("ap-southeast-2", t, "from-us")).containsEntry("v", n(5)); // the healthy link delivered
            assertThat(g.get("eu-west-1", t, "from-us")).isNull();
            assertThat(g.get("us-east-1", t, "from-eu")).isNull();
            assertThat(g.get("ap-southeast-2", t, "from-eu")).isNull();
            Thread.sleep(60); // a few scheduler rounds: still held
            assertThat(g.replication.stats().get(t).pending()).isEqualTo(5 + 2);
            assertThat(g.replication.converged()).isFalse();
            assertThat(g.replication.differences()).anyMatch(d -> d.contains("from-us")).anyMatch(d -> d.contains("from-eu"));
        } finally {
            g.replication.heal("eu-west-1");
        }
        g.awaitDelivered();
        assertThat(g.replication.converged()).isTrue();
        for (String region : REGIONS) {
            assertThat(g.get(region, t, "from-us")).containsEntry("v", n(5));
            assertThat(g.get(region, t, "from-eu")).containsEntry("v", n(1));
        }
        // in order, each version once, in the replica's own stream as in the source's
        List<String> expected = List.of("INSERT:1", "MODIFY:2", "MODIFY:3", "MODIFY:4", "MODIFY:5");
        for (String region : REGIONS) {
            assertThat(versions(records(region, t), "from-us")).as(region).isEqualTo(expected);
            assertThat(versions(records(region, t), "from-eu")).as(region).isEqualTo(List.of("INSERT:1"));
        }
    }

    @Test
    void replicatedWritesAppearInTheReplicasStreamExactlyOnce() throws Exception {
        String t = g.globalTable("stream");
        for (int i = 0; i < 20; i++) {
            String pk = "p" + i;
            g.clients.get("ap-southeast-2").putItem(r -> r.tableName(t).item(item(pk, "v", n(1))));
        }
        g.clients.get("ap-southeast-2").deleteItem(r -> r.tableName(t).key(Map.of("pk", GlobalFixture.s("p0"))));
        g.awaitDelivered();
        for (String region : REGIONS) {
            List<Record> rs = records(region, t);
            assertThat(rs).as(region).hasSize(21);
            assertThat(versions(rs, "p0")).isEqualTo(List.of("INSERT:1", "REMOVE"));
            for (int i = 1; i < 20; i++) assertThat(versions(rs, "p" + i)).as(region + " p" + i).isEqualTo(List.of("INSERT:1"));
            // records are ordinary: no user identity (only the TTL service's deletes carry one)
            assertThat(rs).allMatch(r -> r.userIdentity() == null);
        }
    }
}

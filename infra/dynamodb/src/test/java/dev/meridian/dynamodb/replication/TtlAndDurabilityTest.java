package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.ttl.TtlPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.meridian.dynamodb.replication.GlobalFixture.REGIONS;
import static dev.meridian.dynamodb.replication.GlobalFixture.item;
import static dev.meridian.dynamodb.replication.GlobalFixture.n;
import static dev.meridian.dynamodb.replication.GlobalFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

/** TTL deletes replicate like other deletes without looping; replicated items survive a restart. */
class TtlAndDurabilityTest {

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> expiring(String pk) {
        long past = System.currentTimeMillis() / 1000 - 60;
        return Map.of("pk", s(pk), "exp", n(past));
    }

    @Test
    void aTtlDeleteReplicatesOnceAndTwoRegionsExpiringOneItemIsNoConflict() throws Exception {
        List<TtlPlugin> reapers = new ArrayList<>();
        DynamoDbEngine.Builder b = DynamoDbEngine.builder().pluginPerRegion(() -> {
            TtlPlugin p = new TtlPlugin(null, null); // the test sweeps
            reapers.add(p);
            return p;
        });
        try (GlobalFixture g = new GlobalFixture(b)) {
            assertThat(reapers).hasSize(REGIONS.size());
            String t = g.globalTable("ttl");
            for (DynamoDbClient c : g.clients.values()) {
                c.updateTimeToLive(r -> r.tableName(t).timeToLiveSpecification(x -> x.attributeName("exp").enabled(true)));
            }
            g.clients.get("us-east-1").putItem(r -> r.tableName(t).item(expiring("once")));
            g.awaitDelivered();
            for (String region : REGIONS) assertThat(g.get(region, t, "once")).isNotNull();

            assertThat(reapers.get(0).reaper().sweep()).isEqualTo(1); // us-east-1's reaper
            g.awaitDelivered();
            for (String region : REGIONS) assertThat(g.get(region, t, "once")).as(region).isNull();
            assertThat(reapers.get(1).reaper().sweep()).isZero();
            assertThat(reapers.get(2).reaper().sweep()).isZero();
            g.awaitDelivered();
            assertThat(g.replication.pending()).isZero(); // nothing bounced back

            // both us-east-1 and eu-west-1 expire one item while cut apart: two deletes, no conflict
            g.clients.get("us-east-1").putItem(r -> r.tableName(t).item(expiring("twice")));
            g.awaitDelivered();
            g.replication.cut("eu-west-1");
            try {
                assertThat(reapers.get(0).reaper().sweep()).isEqualTo(1);
                assertThat(reapers.get(1).reaper().sweep()).isEqualTo(1);
            } finally {
                g.replication.heal("eu-west-1");
            }
            g.awaitDelivered();
            assertThat(g.replication.converged()).isTrue();
            assertThat(g.replication.stats().get(t).lwwConflicts()).isZero();
            for (String region : REGIONS) {
                long removes = g.engine.database(region).table(t).itemCount();
                assertThat(removes).isZero();
            }
        }
    }

    @Test
    void replicatedItemsSurviveARestartInEachRegionsDataDirectory(@TempDir Path dir) throws Exception {
        String t;
        Map<String, Long> stamps = new java.util.HashMap<>();
        try (GlobalFixture g = new GlobalFixture(DynamoDbEngine.builder().dataDirectory(dir))) {
            t = g.globalTable("durable");
            g.clients.get("us-east-1").putItem(r -> r.tableName(t).item(item("a", "v", n(1))));
            g.clients.get("eu-west-1").putItem(r -> r.tableName(t).item(item("b", "v", n(2))));
            g.awaitDelivered();
            for (String pk : List.of("a", "b")) {
                stamps.put(pk, stored(g, "us-east-1", t, pk).writtenAt());
            }
        }
        for (String region : REGIONS) assertThat(Files.isDirectory(dir.resolve(region))).as(region).isTrue();
        try (GlobalFixture g = new GlobalFixture(DynamoDbEngine.builder().dataDirectory(dir))) {
            for (String region : REGIONS) {
                assertThat(g.get(region, t, "a")).as(region).containsEntry("v", n(1));
                assertThat(g.get(region, t, "b")).as(region).containsEntry("v", n(2));
                for (String pk : List.of("a", "b")) {
                    assertThat(stored(g, region, t, pk).writtenAt()).as("hidden timestamp of %s in %s", pk, region).isEqualTo(stamps.get(pk));
                }
            }
            // membership is not kept on disk: the table is made global again, then replicates
            g.replication.replicate(t);
            g.clients.get("ap-southeast-2").putItem(r -> r.tableName(t).item(item("c", "v", n(3))));
            g.awaitDelivered();
            assertThat(g.get("us-east-1", t, "c")).containsEntry("v", n(3));
            assertThat(g.replication.converged()).isTrue();
        }
    }

    private static StoredItem stored(GlobalFixture g, String region, String table, String pk) {
        return g.engine.database(region).table(table).items().values().stream()
                .filter(x -> x.item().get("pk").equals(dev.meridian.dynamodb.model.AttributeValue.s(pk))).findFirst().orElseThrow();
    }
}

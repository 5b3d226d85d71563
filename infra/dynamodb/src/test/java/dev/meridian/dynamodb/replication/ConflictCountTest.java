package dev.meridian.dynamodb.replication;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.meridian.dynamodb.replication.GlobalFixture.REGIONS;
import static dev.meridian.dynamodb.replication.GlobalFixture.item;
import static dev.meridian.dynamodb.replication.GlobalFixture.n;
import static dev.meridian.dynamodb.replication.GlobalFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * lwwConflicts: none for a workload with one writer region per item (even with jitter
 * reordering its versions, and with an item handed from one region to another after it
 * arrived); counted — once per lost version — when two regions write one item concurrently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConflictCountTest {

    private GlobalFixture g;

    @BeforeAll
    void start() {
        g = new GlobalFixture();
    }

    @AfterAll
    void stop() {
        g.replication.setLag(Duration.ZERO, Duration.ZERO);
        g.close();
    }

    @Test
    void oneWriterRegionPerItemNeverCountsAConflict() throws Exception {
        String t = g.globalTable("single");
        g.replication.setLag(Duration.ofMillis(15), Duration.ofMillis(15));
        ExecutorService pool = Executors.newFixedThreadPool(REGIONS.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String region : REGIONS) {
                DynamoDbClient c = g.clients.get(region);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        String pk = region + "-" + (i % 5);
                        int v = i;
                        if (i % 17 == 16) c.deleteItem(r -> r.tableName(t).key(Map.of("pk", s(pk))));
                        else c.updateItem(r -> r.tableName(t).key(Map.of("pk", s(pk)))
                                .updateExpression("SET v = :v ADD n :one")
                                .expressionAttributeValues(Map.of(":v", n(v), ":one", n(1))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        g.awaitDelivered();
        // a hand-over: us-east-1's item, once replicated, is written by eu-west-1 then ap-southeast-2
        g.clients.get("us-east-1").putItem(r -> r.tableName(t).item(item("handed", "v", n(1))));
        g.awaitDelivered();
        g.clients.get("eu-west-1").putItem(r -> r.tableName(t).item(item("handed", "v", n(2))));
        g.awaitDelivered();
        g.clients.get("ap-southeast-2").putItem(r -> r.tableName(t).item(item("handed", "v", n(3))));
        g.awaitDelivered();
        assertThat(g.replication.differences()).isEmpty();
        assertThat(g.replication.stats().get(t).lwwConflicts()).isZero();
        assertThat(g.get("us-east-1", t, "handed")).containsEntry("v", n(3));
    }

    @Test
    void twoRegionsWritingOneItemConcurrentlyCountOneConflict() throws Exception {
        String t = g.globalTable("twowriters");
        g.replication.setLag(Duration.ZERO, Duration.ZERO);
        g.replication.cut("eu-west-1"); // neither sees the other's write until the heal
        try {
            g.clients.get("us-east-1").putItem(r -> r.tableName(t).item(item("x", "v", s("from us"))));
            g.clients.get("eu-west-1").putItem(r -> r.tableName(t).item(item("x", "v", s("from eu"))));
        } finally {
            g.replication.heal("eu-west-1");
        }
        g.awaitDelivered();
        assertThat(g.replication.differences()).isEmpty();
        // the later write (eu-west-1's) won everywhere; the other one is lost, counted once
        for (String region : REGIONS) assertThat(g.get(region, t, "x")).containsEntry("v", s("from eu"));
        assertThat(g.replication.stats().get(t).lwwConflicts()).isEqualTo(1);
    }
}

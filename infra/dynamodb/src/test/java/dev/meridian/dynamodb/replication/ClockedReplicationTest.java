package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.stream.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;

import static dev.meridian.dynamodb.replication.GlobalFixture.item;
import static dev.meridian.dynamodb.replication.GlobalFixture.n;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lag and jitter on a clock the test moves: nothing is visible in a replica before its due time,
 * everything is at it; a transaction's items, jittered one by one, arrive in pieces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClockedReplicationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T00:00:00Z"));
    private GlobalFixture g;

    @BeforeAll
    void start() {
        g = new GlobalFixture(DynamoDbEngine.builder().clock(clock));
    }

    @AfterAll
    void stop() {
        g.close();
    }

    private void advance(long millis) throws InterruptedException {
        clock.advance(Duration.ofMillis(millis));
        assertThat(g.replication.awaitDue(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aWriteIsNotVisibleInAReplicaBeforeTheLag() throws Exception {
        String t = g.globalTable("lag");
        g.replication.setLag(Duration.ofSeconds(5), Duration.ZERO);
        try {
            g.clients.get("us-east-1").putItem(r -> r.tableName(t).item(item("a", "v", n(1))));
            advance(4_999);
            Thread.sleep(60); // a few scheduler rounds: it must still hold the delivery
            assertThat(g.get("eu-west-1", t, "a")).isNull();
            assertThat(g.get("ap-southeast-2", t, "a")).isNull();
            assertThat(g.replication.stats().get(t).pending()).isEqualTo(2);
            advance(1);
            assertThat(g.get("eu-west-1", t, "a")).containsEntry("v", n(1));
            assertThat(g.get("ap-southeast-2", t, "a")).containsEntry("v", n(1));
            Replication.TableStats stats = g.replication.stats().get(t);
            assertThat(stats.pending()).isZero();
            assertThat(stats.lagP50Millis()).isEqualTo(5_000);
            assertThat(stats.lagMaxMillis()).isEqualTo(5_000);
        } finally {
            g.replication.setLag(Duration.ZERO, Duration.ZERO);
        }
    }

    @Test
    void aTransactionArrivesInPiecesUnderJitter() throws Exception {
        String t = g.globalTable("pieces");
        g.replication.seed(7);
        g.replication.setLag(Duration.ofSeconds(1), Duration.ofMillis(900));
        try {
            g.clients.get("us-east-1").transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("left", "v", n(1))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("right", "v", n(1))).build()).build()));
            boolean sawOneWithoutTheOther = false;
            boolean sawNeither = false;
            for (int elapsed = 0; elapsed <= 2_000; elapsed += 20) {
                boolean left = g.get("eu-west-1", t, "left") != null;
                boolean right = g.get("eu-west-1", t, "right") != null;
                if (left != right) sawOneWithoutTheOther = true;
                if (!left && !right) sawNeither = true;
                advance(20);
            }
            assertThat(sawNeither).isTrue();
            assertThat(sawOneWithoutTheOther).as("a moment with one item of the transaction and not the other").isTrue();
            for (String region : GlobalFixture.REGIONS) {
                assertThat(g.get(region, t, "left")).isNotNull();
                assertThat(g.get(region, t, "right")).isNotNull();
            }
            assertThat(g.replication.converged()).isTrue();
        } finally {
            g.replication.setLag(Duration.ZERO, Duration.ZERO);
        }
    }

    @Test
    void withoutJitterATransactionArrivesWhole() throws Exception {
        // negative control of the test above: the same observation finds no partial moment
        String t = g.globalTable("whole");
        g.replication.setLag(Duration.ofSeconds(1), Duration.ZERO);
        try {
            g.clients.get("us-east-1").transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("left", "v", n(1))).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("right", "v", n(1))).build()).build()));
            for (int elapsed = 0; elapsed <= 1_200; elapsed += 100) {
                boolean left = g.get("eu-west-1", t, "left") != null;
                boolean right = g.get("eu-west-1", t, "right") != null;
                assertThat(left).isEqualTo(right);
                assertThat(left).isEqualTo(elapsed >= 1_000);
                advance(100);
            }
        } finally {
            g.replication.setLag(Duration.ZERO, Duration.ZERO);
        }
    }
}

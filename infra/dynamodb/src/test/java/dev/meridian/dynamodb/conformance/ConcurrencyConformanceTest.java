package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 16 clients at once: optimistic (conditional) increments never lose an update, transfers
 * between items of two tables conserve the total; the negative control runs the same
 * increments as unconditional read-modify-write and shows the check catches lost updates.
 */
class ConcurrencyConformanceTest extends ConformanceTest {

    private static final int THREADS = 16;
    private String left;
    private String right;

    @BeforeAll
    void createTables() {
        left = table("id", ScalarAttributeType.S, null, null);
        right = table("id", ScalarAttributeType.S, null, null);
    }

    private long read(String table, String id) {
        var item = db.getItem(r -> r.tableName(table).key(Map.of("id", s(id))).consistentRead(true)).item();
        return Long.parseLong(item.get("v").n());
    }

    /** Runs {@code perThread} on 16 threads, returns the sum of their results. */
    private int onThreads(java.util.function.IntSupplier perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) fs.add(pool.submit(perThread::getAsInt));
            int sum = 0;
            for (Future<Integer> f : fs) sum += f.get(120, TimeUnit.SECONDS);
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private int increments(String id, int perThread, boolean conditional) throws Exception {
        db.putItem(r -> r.tableName(left).item(item("id", s(id), "v", n(0))));
        return onThreads(() -> {
            int done = 0;
            while (done < perThread) {
                long seen = read(left, id);
                try {
                    if (conditional) {
                        db.putItem(r -> r.tableName(left).item(item("id", s(id), "v", n(seen + 1)))
                                .conditionExpression("v = :seen").expressionAttributeValues(Map.of(":seen", n(seen))));
                    } else {
                        db.putItem(r -> r.tableName(left).item(item("id", s(id), "v", n(seen + 1))));
                    }
                    done++;
                } catch (ConditionalCheckFailedException e) {
                    // another client won the race: read again and retry
                }
            }
            return done;
        });
    }

    @Test
    void conditionalIncrements_shouldLoseNoUpdate_when16ClientsRace() throws Exception {
        int acknowledged = increments("counter", 25, true);
        assertThat(acknowledged).isEqualTo(THREADS * 25);
        assertThat(read(left, "counter")).isEqualTo(THREADS * 25);
    }

    @Test
    void unconditionalIncrements_shouldLoseUpdates_negativeControl() throws Exception {
        // the same workload without the condition: the invariant check above must be able to fail
        long lost = 0;
        for (int round = 0; round < 5 && lost == 0; round++) {
            String id = "unguarded-" + round;
            int acknowledged = increments(id, 25, false);
            lost = acknowledged - read(left, id);
        }
        assertThat(lost).as("lost updates without the condition").isPositive();
    }

    @Test
    void transfers_shouldConserveTotal_whenClientsMoveAmountsAcrossTables() throws Exception {
        int accounts = 4;
        for (int i = 0; i < accounts; i++) {
            String id = "acct-" + i;
            db.putItem(r -> r.tableName(left).item(item("id", s(id), "v", n(1000))));
            db.putItem(r -> r.tableName(right).item(item("id", s(id), "v", n(1000))));
        }
        AtomicInteger cancelled = new AtomicInteger();
        int committed = onThreads(() -> {
            int ok = 0;
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int k = 0; k < 20; k++) {
                String from = "acct-" + rnd.nextInt(accounts);
                String to = "acct-" + rnd.nextInt(accounts);
                long amount = 1 + rnd.nextInt(50);
                long fromSeen = read(left, from);
                long toSeen = read(right, to);
                try {
                    db.transactWriteItems(r -> r.transactItems(
                            update(left, from, fromSeen, fromSeen - amount),
                            update(right, to, toSeen, toSeen + amount)));
                    ok++;
                } catch (TransactionCanceledException e) {
                    cancelled.incrementAndGet();
                }
            }
            return ok;
        });
        long total = 0;
        for (int i = 0; i < accounts; i++) {
            total += read(left, "acct-" + i) + read(right, "acct-" + i);
        }
        assertThat(total).isEqualTo(2L * accounts * 1000);
        assertThat(committed).isPositive();
        assertThat(committed + cancelled.get()).isEqualTo(THREADS * 20);
    }

    private static TransactWriteItem update(String table, String id, long seen, long next) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Map.of("id", s(id)))
                .updateExpression("SET v = :next").conditionExpression("v = :seen")
                .expressionAttributeValues(Map.of(":next", n(next), ":seen", n(seen))).build()).build();
    }
}

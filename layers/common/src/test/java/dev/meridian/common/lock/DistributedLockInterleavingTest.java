package dev.meridian.common.lock;

import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Independent clients on real time: each acquires, appends entries to one log item, and on
 * every other holding pauses far past its lease between two appends, so the next holder
 * takes over and writes while it sleeps. With fencing, the log's tokens never go down (no
 * holder's writes interleave with a newer holder's); the negative control shows they do
 * without it.
 */
@ExtendWith(LocalEngines.class)
class DistributedLockInterleavingTest {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedLockInterleavingTest.class);

    private static final int WORKERS = 4;
    private static final int HOLDINGS_PER_WORKER = 4;
    private static final int APPENDS_PER_HOLDING = 3;
    private static final Duration LEASE = Duration.ofMillis(300);
    private static final Duration SKEW = Duration.ofMillis(50);
    private static final long LONG_PAUSE_MILLIS = 1_000;
    private static final String KEY = "log-writer";
    private static final String LOG_ITEM = "log";

    private final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    private String locksTable;
    private String dataTable;

    private enum Mode { LOCK_CHECKED_TRANSACTION, UNFENCED }

    private record Outcome(List<Long> tokens, int refused) {
        long inversions() {
            long count = 0;
            for (int i = 1; i < tokens.size(); i++) {
                if (tokens.get(i) < tokens.get(i - 1)) {
                    count++;
                }
            }
            return count;
        }
    }

    @BeforeEach
    void setUp() {
        locksTable = LockTables.newLocksTable();
        dataTable = LockTables.newDataTable();
    }

    @Test
    void transactWrite_shouldNeverInterleaveTwoHoldersWrites_whenHoldersPausePastTheirLeases() throws Exception {
        // given / when: fenced writes (the update and the lock check, one transaction each)
        Outcome outcome = run(Mode.LOCK_CHECKED_TRANSACTION);

        // then: stale holders existed and were refused; the log is ordered by token
        assertThat(outcome.refused()).as("stale writes refused").isPositive();
        assertThat(outcome.inversions()).as("older token written after a newer one").isZero();
    }

    @Test
    void updateItem_shouldInterleaveHolders_whenTheSameClientsWriteWithoutFencing() throws Exception {
        // given / when: the negative control — the same clients, plain writes
        Outcome outcome = run(Mode.UNFENCED);

        // then: the invariant check above does detect interleaved holders
        assertThat(outcome.refused()).isZero();
        assertThat(outcome.inversions()).as("older token written after a newer one").isPositive();
    }

    private Outcome run(Mode mode) throws Exception {
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                DistributedLock lock = DistributedLock.builder().dynamoDb(dynamoDb).tableName(locksTable)
                        .owner("worker-" + w).defaultLease(LEASE).clockSkewAllowance(SKEW)
                        .acquireTimeout(Duration.ofSeconds(30)).retryInterval(Duration.ofMillis(20)).build();
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int holding = 0; holding < HOLDINGS_PER_WORKER; holding++) {
                        boolean pausesPastLease = (holding + worker) % 2 == 0;
                        try (Lease lease = lock.acquire(KEY)) {
                            for (int step = 0; step < APPENDS_PER_HOLDING; step++) {
                                Thread.sleep(step == 1 && pausesPastLease ? LONG_PAUSE_MILLIS : 5);
                                if (!append(mode, lease, worker, step)) {
                                    refused.incrementAndGet();
                                    break; // a stale holder stops its critical section
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> tokens = LockTables.get(dataTable, "id", LOG_ITEM).get("log").l().stream()
                .map(entry -> Long.parseLong(entry.m().get("token").n()))
                .toList();
        Outcome outcome = new Outcome(tokens, refused.get());
        LOG.info("{}: {} entries, {} stale writes refused, {} inversions", mode, tokens.size(), outcome.refused(), outcome.inversions());
        return outcome;
    }

    /** Appends one entry; false when a fence refused it. */
    private boolean append(Mode mode, Lease lease, int worker, int step) {
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS(LOG_ITEM));
        String expression = "SET #log = list_append(if_not_exists(#log, :empty), :entry)";
        Map<String, String> names = Map.of("#log", "log");
        Map<String, AttributeValue> values = Map.of(
                ":empty", AttributeValue.fromL(List.of()),
                ":entry", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "token", AttributeValue.fromN(Long.toString(lease.fencingToken())),
                        "worker", AttributeValue.fromN(Integer.toString(worker)),
                        "step", AttributeValue.fromN(Integer.toString(step)))))));
        FencedWrites fenced = FencedWrites.of(dynamoDb, lease);
        switch (mode) {
            case LOCK_CHECKED_TRANSACTION -> {
                try {
                    fenced.transactWrite(TransactWriteItem.builder().update(Update.builder().tableName(dataTable).key(key)
                            .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)
                            .build()).build());
                    return true;
                } catch (StaleLeaseException stale) {
                    return false;
                }
            }
            default -> {
                dynamoDb.updateItem(UpdateItemRequest.builder().tableName(dataTable).key(key)
                        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values).build());
                return true;
            }
        }
    }
}

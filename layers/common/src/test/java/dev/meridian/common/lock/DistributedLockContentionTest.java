package dev.meridian.common.lock;

import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * Mutual exclusion under contention: 50 threads run a read-modify-write counter (read, pause,
 * write back plus one — unconditionally, so only the lock can keep updates from being lost).
 * The negative control runs the same workload without the lock and must observe lost updates,
 * which shows the check can fail.
 */
@ExtendWith(LocalEngines.class)
class DistributedLockContentionTest {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedLockContentionTest.class);

    private static final int THREADS = 50;
    private static final int INCREMENTS_PER_THREAD = 2;
    private static final String KEY = "counter-lock";
    private static final String COUNTER = "counter";

    private final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    private String locksTable;
    private String dataTable;

    @BeforeEach
    void setUp() {
        locksTable = LockTables.newLocksTable();
        dataTable = LockTables.newDataTable();
        write(0);
    }

    /** Enters a critical section; returns the fencing token held (0 without a lock) and how to leave. */
    private interface Guard {
        Section enter();
    }

    private interface Section extends AutoCloseable {
        long token();

        @Override
        void close();
    }

    private record Outcome(long finalValue, int increments, int maxInside, List<Long> tokensInEntryOrder) {
        long lostUpdates() {
            return increments - finalValue;
        }
    }

    @Test
    void acquire_shouldLoseNoUpdate_whenFiftyThreadsIncrementACounterUnderTheLock() throws Exception {
        // given: one lock instance per thread, as separate function instances would have
        List<DistributedLock> locks = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            locks.add(DistributedLock.builder().dynamoDb(dynamoDb).tableName(locksTable).owner("worker-" + i)
                    .defaultLease(Duration.ofSeconds(30)).acquireTimeout(Duration.ofSeconds(50))
                    .retryInterval(Duration.ofMillis(100)).build());
        }
        AtomicInteger next = new AtomicInteger();
        ThreadLocal<DistributedLock> mine = ThreadLocal.withInitial(() -> locks.get(next.getAndIncrement()));
        Guard locked = () -> {
            Lease lease = mine.get().acquire(KEY);
            return new Section() {
                public long token() {
                    return lease.fencingToken();
                }

                public void close() {
                    lease.close();
                }
            };
        };

        // when
        Outcome outcome = runCounter(locked);

        // then
        assertThat(outcome.lostUpdates()).as("lost updates under the lock").isZero();
        assertThat(outcome.finalValue()).isEqualTo(THREADS * INCREMENTS_PER_THREAD);
        assertThat(outcome.maxInside()).as("holders inside the critical section at once").isEqualTo(1);
        assertThat(outcome.tokensInEntryOrder()).hasSize(THREADS * INCREMENTS_PER_THREAD).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void counter_shouldLoseUpdates_whenTheSameWorkloadRunsWithoutTheLock() throws Exception {
        // given: the negative control — the same workload, no lock
        Guard none = () -> new Section() {
            public long token() {
                return 0;
            }

            public void close() {
            }
        };

        // when
        Outcome outcome = runCounter(none);

        // then: the check used above does catch the bug it is meant to catch
        assertThat(outcome.lostUpdates()).as("lost updates without the lock").isPositive();
        assertThat(outcome.maxInside()).isGreaterThan(1);
    }

    private Outcome runCounter(Guard guard) throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Long> tokens = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                        try (Section section = guard.enter()) {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            tokens.add(section.token());
                            long value = read();
                            Thread.sleep(3); // widen the read-modify-write window
                            write(value + 1);
                            inside.decrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get(55, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Outcome outcome = new Outcome(read(), THREADS * INCREMENTS_PER_THREAD, maxInside.get(), List.copyOf(tokens));
        LOG.info("counter workload: {} increments, final value {}, lost updates {}, max inside {}",
                outcome.increments(), outcome.finalValue(), outcome.lostUpdates(), outcome.maxInside());
        return outcome;
    }

    private long read() {
        return Long.parseLong(LockTables.get(dataTable, "id", COUNTER).get("value").n());
    }

    private void write(long value) {
        dynamoDb.putItem(PutItemRequest.builder().tableName(dataTable)
                .item(Map.of("id", AttributeValue.fromS(COUNTER), "value", AttributeValue.fromN(Long.toString(value))))
                .build());
    }
}

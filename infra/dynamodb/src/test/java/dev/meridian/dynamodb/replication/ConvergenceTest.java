package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.meridian.dynamodb.replication.GlobalFixture.REGIONS;
import static dev.meridian.dynamodb.replication.GlobalFixture.item;
import static dev.meridian.dynamodb.replication.GlobalFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three regions writing the same items at once under lag and jitter end identical everywhere,
 * and equal to last-writer-wins' choice: the client version with the greatest (hidden timestamp,
 * region name), observed independently by a write listener in each region.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvergenceTest {

    private record Written(long ts, String region, Map<String, AttributeValue> image) {
    }

    private GlobalFixture g;
    /** table|pk → the LWW winner among the client writes seen so far. */
    private final Map<String, Written> oracle = new ConcurrentHashMap<>();

    @BeforeAll
    void start() {
        g = new GlobalFixture();
        for (String region : REGIONS) {
            g.engine.database(region).addWriteListener((changes, at) -> {
                for (ItemChange c : changes) {
                    if (c.origin() != ItemChange.Origin.CLIENT) continue;
                    Written w = new Written(c.writtenAt(), region, c.newImage());
                    oracle.merge(c.table() + "|" + pk(c.keys()), w, (a, b) -> newer(a, b) ? a : b);
                }
            });
        }
    }

    private static String pk(Map<String, AttributeValue> item) {
        return ((AttributeValue.S) item.get("pk")).value();
    }

    private static boolean newer(Written a, Written b) {
        return a.ts != b.ts ? a.ts > b.ts : a.region.compareTo(b.region) > 0;
    }

    @AfterAll
    void stop() {
        g.close();
    }

    @Test
    void concurrentWritersInThreeRegionsConvergeOnTheLastWriter() throws Exception {
        String t = g.globalTable("converge");
        g.replication.setLag(Duration.ofMillis(50), Duration.ofMillis(40));
        ExecutorService pool = Executors.newFixedThreadPool(REGIONS.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String region : REGIONS) {
                DynamoDbClient c = g.clients.get(region);
                done.add(pool.submit(() -> {
                    Random random = new Random(region.hashCode());
                    for (int i = 0; i < 120; i++) {
                        String pk = "k" + random.nextInt(8);
                        if (random.nextInt(10) == 0) {
                            c.deleteItem(r -> r.tableName(t).key(Map.of("pk", s(pk))));
                        } else {
                            int n = i;
                            c.putItem(r -> r.tableName(t).item(item(pk, "v", s(region + "#" + n))));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
            g.replication.setLag(Duration.ZERO, Duration.ZERO);
        }
        g.awaitDelivered();
        assertThat(g.replication.differences()).isEmpty();
        assertThat(g.replication.converged()).isTrue();
        for (int k = 0; k < 8; k++) {
            Written w = oracle.get(t + "|k" + k);
            if (w == null) continue;
            for (String region : REGIONS) {
                String key = "k" + k;
                var stored = g.engine.database(region).table(t).items().values().stream()
                        .filter(x -> pk(x.item()).equals(key)).findFirst();
                if (w.image == null) {
                    assertThat(g.get(region, t, "k" + k)).as("k%d deleted last, in %s", k, region).isNull();
                } else {
                    assertThat(stored).as("k%d in %s", k, region).isPresent();
                    assertThat(stored.get().item()).isEqualTo(w.image);
                    assertThat(stored.get().writtenAt()).isEqualTo(w.ts);
                }
            }
        }
        // three regions wrote the same 8 items at once: some writes were lost, and counted
        assertThat(g.replication.stats().get(t).lwwConflicts()).isPositive();
    }
}

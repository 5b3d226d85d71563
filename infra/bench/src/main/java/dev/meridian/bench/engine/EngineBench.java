package dev.meridian.bench.engine;

import dev.meridian.bench.Stats;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * (f) The DynamoDB engine alone: the engine in a child JVM of its own ({@code -Xmx1g},
 * {@link EngineHost}), the client here — the functions' own SDK client
 * ({@link AwsClients#dynamoDb}: same HTTP client, same settings) — over loopback HTTP.
 * PutItem + GetItem pairs from {@code threads} threads on an empty table, then on a table
 * holding {@code items} preloaded items, then on a fresh empty table; the engine's heap growth from that preload; CPU of
 * each process per phase (the client's from its MXBean, the engine's from /proc).
 */
public final class EngineBench {

    private EngineBench() {
    }

    public static EngineFigures.Result run(int items, int threads, Duration warmup, Duration measured) {
        Process engine = null;
        try {
            engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), EngineHost.class.getName())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
            PrintStream in = new PrintStream(engine.getOutputStream(), true, StandardCharsets.UTF_8);
            String endpoint = expect(out, "endpoint");
            DynamoDbClient ddb = AwsClients.dynamoDb(Environment.of(Map.of("AWS_REGION", "us-east-1", AwsClients.DYNAMODB_ENDPOINT, endpoint)));
            createTable(ddb, "bench-empty");
            measure(ddb, "bench-empty", threads, warmup, engine.pid());
            EngineFigures.Phase empty = measure(ddb, "bench-empty", threads, measured, engine.pid());
            createTable(ddb, "bench-loaded");
            in.println("heap");
            long heapBefore = Long.parseLong(expect(out, "heap"));
            in.println("preload bench-loaded " + items);
            double preloadSeconds = Long.parseLong(expect(out, "loaded")) / 1e9;
            in.println("heap");
            long heapAfter = Long.parseLong(expect(out, "heap"));
            EngineFigures.Phase loaded = measure(ddb, "bench-loaded", threads, measured, engine.pid());
            createTable(ddb, "bench-empty-after");
            EngineFigures.Phase emptyAfter = measure(ddb, "bench-empty-after", threads, measured, engine.pid());
            in.println("quit");
            return new EngineFigures.Result(threads, items, ItemShape.preloadItemBytes(), empty, loaded, emptyAfter, preloadSeconds,
                    heapBefore, heapAfter, null);
        } catch (Exception e) {
            return EngineFigures.Result.failed(threads, items, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (engine != null) {
                engine.destroy();
                try {
                    engine.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                engine.destroyForcibly();
            }
        }
    }

    private static String expect(BufferedReader out, String word) throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("the engine process exited while the bench waited for '" + word + "'");
        }
        if (!line.startsWith(word + " ")) {
            throw new IllegalStateException("the engine process answered '" + line + "', expected '" + word + " ...'");
        }
        return line.substring(word.length() + 1).trim();
    }

    private static void createTable(DynamoDbClient ddb, String table) {
        ddb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName(ItemShape.KEY).keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName(ItemShape.KEY).attributeType(ScalarAttributeType.S)));
    }

    /** PutItem then GetItem (consistent) of the same item, from {@code threads} threads, for {@code duration}. */
    static EngineFigures.Phase measure(DynamoDbClient ddb, String table, int threads, Duration duration, long enginePid) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Histogram>> futures = new ArrayList<>();
            double engineCpu = EngineFigures.processCpuSeconds(enginePid);
            long clientCpu = clientCpuNanos();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Histogram latency = Stats.nanos();
                    int i = 0;
                    while (!stop.get()) {
                        Map<String, AttributeValue> item = new LinkedHashMap<>();
                        ItemShape.attributes("t" + thread + "-" + (i++ % 5000)).forEach((name, value) ->
                                item.put(name, name.equals("amount") ? AttributeValue.fromN(value) : AttributeValue.fromS(value)));
                        long t0 = System.nanoTime();
                        ddb.putItem(r -> r.tableName(table).item(item));
                        long t1 = System.nanoTime();
                        ddb.getItem(r -> r.tableName(table).key(Map.of(ItemShape.KEY, item.get(ItemShape.KEY))).consistentRead(true));
                        long t2 = System.nanoTime();
                        latency.recordValue(t1 - t0);
                        latency.recordValue(t2 - t1);
                    }
                    return latency;
                }));
            }
            Thread.sleep(duration.toMillis());
            stop.set(true);
            Histogram all = Stats.nanos();
            for (Future<Histogram> f : futures) {
                all.add(f.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double clientSeconds = (clientCpuNanos() - clientCpu) / 1e9;
            double engineSeconds = EngineFigures.processCpuSeconds(enginePid) - engineCpu;
            return new EngineFigures.Phase(all.getTotalCount(), seconds, Stats.percentileMs(all, 50), Stats.percentileMs(all, 99),
                    clientSeconds, engineSeconds);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

package dev.meridian.dynamodb.bench;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.Table;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A quick measurement, not a test: PutItem + GetItem from 16 threads through the AWS SDK v2
 * (url-connection client) over HTTP, on an empty table and again after preloading N items of
 * about 200 bytes (default 1,000,000). Run: {@code java -cp test-classes:classes:deps
 * dev.meridian.dynamodb.bench.ThroughputProbe [items] [seconds]}.
 */
public final class ThroughputProbe {

    private ThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        int preload = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        long t0 = System.nanoTime();
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).discoverPlugins(false).build().start()) {
            System.out.printf("start: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            DynamoDbClient client = DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                    .httpClient(UrlConnectionHttpClient.builder().build()).build();
            client.createTable(r -> r.tableName("bench").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
            System.out.printf("empty table: %.0f calls/s%n", run(client, seconds));
            System.out.printf("empty table again: %.0f calls/s%n", run(client, seconds));
            Table table = engine.database().requireTable("bench");
            long loadStart = System.nanoTime();
            for (int i = 0; i < preload; i += 1000) {
                int from = i;
                engine.database().write(ItemChange.Origin.CLIENT, tx -> {
                    for (int j = from; j < Math.min(from + 1000, preload); j++) {
                        Map<String, AttributeValue> item = item("load-" + j);
                        tx.put(table, ItemKey.of(item.get("pk"), null), item);
                    }
                    return null;
                });
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("loaded %d items in %.1f s; heap used after GC: %d MB%n", preload,
                    (System.nanoTime() - loadStart) / 1e9, (rt.totalMemory() - rt.freeMemory()) >> 20);
            System.out.printf("after preload: %.0f calls/s%n", run(client, seconds));
            client.close();
        }
    }

    static Map<String, AttributeValue> item(String pk) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.S(pk));
        item.put("status", new AttributeValue.S("PENDING"));
        item.put("amount", AttributeValue.N.of("1299"));
        item.put("customer", new AttributeValue.S("customer-0000000000000000000000000001"));
        item.put("note", new AttributeValue.S("x".repeat(110)));
        return item;
    }

    /** CPU time of the engine's HTTP threads (workers and the dispatcher), ns. */
    private static long serverCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("dynamodb-http") || t.getName().startsWith("HTTP-Dispatcher")) {
                long c = mx.getThreadCpuTime(t.getId());
                if (c > 0) sum += c;
            }
        }
        return sum;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double run(DynamoDbClient client, int seconds) throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> fs = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = cpu();
        long serverStart = serverCpu();
        for (int t = 0; t < threads; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                long calls = 0;
                int i = 0;
                while (!stop.get()) {
                    String pk = "t" + id + "-" + (i++ % 5000);
                    var m = new LinkedHashMap<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>();
                    m.put("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk));
                    m.put("status", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PENDING"));
                    m.put("amount", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1299"));
                    m.put("note", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x".repeat(150)));
                    client.putItem(r -> r.tableName("bench").item(m));
                    client.getItem(r -> r.tableName("bench").key(Map.of("pk", m.get("pk"))));
                    calls += 2;
                }
                return calls;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        for (Future<Long> f : fs) total += f.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpu() - cpuStart) / 1e9;
        double serverSeconds = (serverCpu() - serverStart) / 1e9;
        long connections = Thread.getAllStackTraces().keySet().stream().filter(x -> x.getName().equals("dynamodb-http")).count();
        System.out.printf("  open connections: %d%n", connections);
        System.out.printf("  server threads: %.1f s CPU, %.0f µs per call%n", serverSeconds, serverSeconds * 1e6 / Math.max(1, total));
        System.out.printf("  (%d calls, %.1f s wall, %.1f s CPU of this process: %.0f calls per CPU-second, client and server together)%n",
                total, elapsed, cpuSeconds, total / cpuSeconds);
        pool.shutdown();
        return total / elapsed;
    }
}

package dev.meridian.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.json.Json;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.MeridianLocal;
import dev.meridian.local.load.LoadRun;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (c) End-to-end saga throughput of the local stack on this machine, next to the bound that
 * DynamoDB Local sets, measured in the same run: raw SDK calls per second (the functions'
 * HTTP client, the same concurrency) divided by the DynamoDB calls the functions make per
 * order (counted by an interceptor on their clients while the orders run).
 */
final class SagaThroughputBench {

    record Result(int orders, int concurrency, double ordersPerSecond, double dynamoCallsPerOrder, double rawCallsPerSecond,
                  String error) {
        double bound() {
            return rawCallsPerSecond / dynamoCallsPerOrder;
        }

        double ratio() {
            return ordersPerSecond / bound();
        }
    }

    /** Counts the DynamoDB calls of every client built after it is installed (the functions' clients). */
    static final class DynamoCallCounter implements ExecutionInterceptor {
        final AtomicLong calls = new AtomicLong();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            if (service != null && service.equalsIgnoreCase("DynamoDb")) {
                calls.incrementAndGet();
            }
        }
    }

    private SagaThroughputBench() {
    }

    static Result run(Path root, int orders, int concurrency) {
        DynamoCallCounter counter = new DynamoCallCounter();
        AwsClients.addInterceptorForNewClients(counter);
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (MeridianLocal stack = MeridianLocal.start(LocalOptions.builder().template(root.resolve("template.yaml")).anyFreePort()
                .parameter("FunctionTimeout", "2").parameter("QueueVisibilityTimeout", "2").build())) {
            System.setOut(stdout);
            // the saga: the load command's mix (good, declined, out of stock, cancels) against this stack
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            long callsBefore = counter.calls.get();
            int exit = new LoadRun(new LoadRun.Options(orders, concurrency, 10, 20, stack.baseUrl(), true, null, 1,
                    Duration.ofMinutes(5), null, false), new PrintStream(json, true, StandardCharsets.UTF_8),
                    new PrintStream(OutputStream.nullOutputStream())).run();
            long calls = counter.calls.get() - callsBefore;
            JsonNode summary = Json.parseTrusted(json.toString(StandardCharsets.UTF_8));
            if (exit != 0) {
                return new Result(orders, concurrency, 0, 0, 0, "the load run reported invariant violations: " + summary.path("violationsByKind"));
            }
            double perOrder = (double) calls / Math.max(1, summary.path("accepted").asLong());
            double raw = rawCallsPerSecond(stack.dynamoDbEndpoint().toString(), concurrency, Duration.ofSeconds(5));
            return new Result(orders, concurrency, summary.path("throughputOrdersPerSecond").asDouble(), perOrder, raw, null);
        } catch (Exception e) {
            System.setOut(stdout);
            return new Result(orders, concurrency, 0, 0, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** PutItem + GetItem pairs from {@code threads} threads for {@code duration}: calls per second. */
    static double rawCallsPerSecond(String endpoint, int threads, Duration duration) throws Exception {
        try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(java.net.URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String table = "bench-raw-" + System.nanoTime();
            dev.meridian.testkit.Tables.create(ddb, table, "id");
            AtomicLong calls = new AtomicLong();
            long end = System.nanoTime() + duration.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        long i = 0;
                        while (System.nanoTime() < end) {
                            Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS(thread + "-" + (i++ % 100)));
                            ddb.putItem(b -> b.tableName(table).item(Map.of("id", key.get("id"), "n", AttributeValue.fromN("1"))));
                            ddb.getItem(b -> b.tableName(table).key(key).consistentRead(true));
                            calls.addAndGet(2);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                return calls.get() / ((System.nanoTime() - start) / 1e9);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

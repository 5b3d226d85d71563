package dev.meridian.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.json.Json;
import dev.meridian.cli.MeridianStack;
import dev.meridian.emulator.Emulator;
import dev.meridian.load.LoadRun;
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

    /**
     * DynamoDB Local's capacity falls as its tables and streams grow (its background jobs and
     * the single SQLite thread): it is measured right before and right after the measured run,
     * and the bound uses the mean of the two, the capacity the saga had on average. The strict
     * ratio uses the capacity before the run, the highest.
     */
    record Result(int orders, int concurrency, double ordersPerSecond, double dynamoCallsPerOrder, double rawBefore,
                  double rawAfter, String error) {

        static Result failed(int orders, int concurrency, String error) {
            return new Result(orders, concurrency, 0, 0, 0, 0, error);
        }

        double rawCallsPerSecond() {
            return (rawBefore + rawAfter) / 2;
        }

        double bound() {
            return rawCallsPerSecond() / dynamoCallsPerOrder;
        }

        double ratio() {
            return ordersPerSecond / bound();
        }

        /** Against the capacity before the run, the highest measured. */
        double strictRatio() {
            return ordersPerSecond / (Math.max(rawBefore, rawAfter) / dynamoCallsPerOrder);
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

    static Result run(Path root, int warmupOrders, int orders, int concurrency) {
        DynamoCallCounter counter = new DynamoCallCounter();
        AwsClients.addInterceptorForNewClients(counter);
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (Emulator stack = Emulator.start(MeridianStack.options().template(root.resolve("template.yaml")).anyFreePort()
                .parameter("FunctionTimeout", "2").parameter("QueueVisibilityTimeout", "2").build())) {
            System.setOut(stdout);
            // warm-up: the same mix once, unmeasured, so that the saga and the raw reference after it both
            // run on a warm JVM (the stack starts cold; the raw calls would otherwise get the JIT's work for free)
            JsonNode warm = load(stack, warmupOrders, concurrency, 2);
            if (warm.path("exit").asInt() != 0) {
                return Result.failed(orders, concurrency, "the warm-up run reported invariant violations: " + warm.path("violationsByKind"));
            }
            double rawBefore = rawCallsPerSecond(stack.dynamoDbEndpoint().toString(), concurrency, Duration.ofSeconds(5));
            // the saga: the load command's mix (good, declined, out of stock, cancels) against this stack
            long callsBefore = counter.calls.get();
            JsonNode summary = load(stack, orders, concurrency, 1);
            long calls = counter.calls.get() - callsBefore;
            if (summary.path("exit").asInt() != 0) {
                return Result.failed(orders, concurrency, "the load run reported invariant violations: " + summary.path("violationsByKind"));
            }
            double perOrder = (double) calls / Math.max(1, summary.path("accepted").asLong());
            double rawAfter = rawCallsPerSecond(stack.dynamoDbEndpoint().toString(), concurrency, Duration.ofSeconds(5));
            return new Result(orders, concurrency, summary.path("throughputOrdersPerSecond").asDouble(), perOrder, rawBefore, rawAfter, null);
        } catch (Exception e) {
            System.setOut(stdout);
            return Result.failed(orders, concurrency, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** One run of the load command's mix against {@code stack}: its JSON summary, plus {@code exit}. */
    private static JsonNode load(Emulator stack, int orders, int concurrency, long seed) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        int exit = new LoadRun(new LoadRun.Options(orders, concurrency, 10, 20, stack.baseUrl(), true, seed,
                Duration.ofMinutes(5), false), new PrintStream(json, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream())).run(stack.baseUrl());
        ObjectNode summary = (ObjectNode) Json.parseTrusted(json.toString(StandardCharsets.UTF_8));
        summary.put("exit", exit);
        return summary;
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

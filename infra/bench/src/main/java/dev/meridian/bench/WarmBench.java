package dev.meridian.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * (b) Warm, in process: each handler (built through its {@code Environment} constructor,
 * exactly as the local runtime builds it) against the raw SDK calls its fixture makes,
 * issued through the very same client instances. Handler and raw calls alternate
 * iteration by iteration so that noise from other processes lands on both.
 */
final class WarmBench {

    /** An HTTP client to measure through. */
    enum Client {
        APACHE("apache (fast on loopback)"),
        URL_CONNECTION("url-connection (deployed)");

        final String label;

        Client(String label) {
            this.label = label;
        }

        SdkHttpClient build() {
            return switch (this) {
                case APACHE -> ApacheHttpClient.builder().maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build();
                case URL_CONNECTION -> UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build();
            };
        }
    }

    record Result(String function, Client client, int iterations, double handlerP50, double handlerP99,
                  double rawP50, double rawP99, List<String> handlerCalls, List<String> rawCalls, String response) {

        boolean callsMatch() {
            return handlerCalls.equals(rawCalls);
        }

        double ratioP50() {
            return Stats.ratio(handlerP50, rawP50);
        }
    }

    private final World world;

    WarmBench(World world) {
        this.world = world;
    }

    List<Result> run(List<Targets.Target> targets, List<Client> clients, int iterations) {
        List<Result> results = new ArrayList<>();
        for (Client client : clients) {
            SdkHttpClient http = client.build();
            AwsClients.useHttpClientForNewClients(http);
            for (Targets.Target target : targets) {
                results.add(measure(target, client, iterations));
            }
            System.err.printf("  warm: %s done%n", client.label);
        }
        AwsClients.useHttpClientForNewClients(Client.URL_CONNECTION.build());
        return results;
    }

    private Result measure(Targets.Target target, Client client, int iterations) {
        Environment env = world.env();
        RequestStreamHandler handler = construct(target.handlerClass(), env);
        var dynamoDb = AwsClients.dynamoDb(env);
        var eventBridge = AwsClients.eventBridge(env);
        byte[] event = target.event().apply(world);
        Runnable raw = () -> target.raw().run(world, dynamoDb, eventBridge);

        world.calls.reset();
        byte[] response = invoke(handler, event);
        List<String> handlerCalls = world.calls.operations();
        world.calls.reset();
        raw.run();
        List<String> rawCalls = world.calls.operations();
        checkResponse(target, response);

        for (int i = 0; i < iterations; i++) {
            invoke(handler, event);
            raw.run();
        }
        Histogram handlerNanos = Stats.nanos();
        Histogram rawNanos = Stats.nanos();
        for (int i = 0; i < iterations; i++) {
            if (i % 2 == 0) {
                handlerNanos.recordValue(timeHandler(handler, event));
                rawNanos.recordValue(timeRaw(raw));
            } else {
                rawNanos.recordValue(timeRaw(raw));
                handlerNanos.recordValue(timeHandler(handler, event));
            }
        }
        return new Result(target.function(), client, iterations,
                Stats.percentileMs(handlerNanos, 50), Stats.percentileMs(handlerNanos, 99),
                Stats.percentileMs(rawNanos, 50), Stats.percentileMs(rawNanos, 99),
                handlerCalls, rawCalls, ColdStartProbe.summary(response));
    }

    private static long timeHandler(RequestStreamHandler handler, byte[] event) {
        long start = System.nanoTime();
        invoke(handler, event);
        return System.nanoTime() - start;
    }

    private static long timeRaw(Runnable raw) {
        long start = System.nanoTime();
        raw.run();
        return System.nanoTime() - start;
    }

    static RequestStreamHandler construct(String className, Environment env) {
        try {
            return (RequestStreamHandler) Class.forName(className).getConstructor(Environment.class).newInstance(env);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + className + "(Environment)", e);
        }
    }

    static byte[] invoke(RequestStreamHandler handler, byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            handler.handleRequest(new ByteArrayInputStream(event), out, ColdStartProbe.ProbeContext.INSTANCE);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture must succeed, or the bench would time an error path. */
    private static void checkResponse(Targets.Target target, byte[] response) {
        JsonNode node = dev.meridian.common.json.Json.parseTrusted(new String(response, java.nio.charset.StandardCharsets.UTF_8));
        int status = node.path("statusCode").asInt(200);
        if (status >= 300 || !node.path("batchItemFailures").isEmpty()) {
            throw new IllegalStateException(target.function() + " fixture did not succeed: " + node);
        }
    }
}

package dev.meridian.testkit;

import dev.meridian.dynamodb.DynamoDbEngine;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * JUnit 5 extension that starts one DynamoDB engine (Meridian's own, infra/dynamodb) and one ElasticMQ per test JVM (in
 * parallel, on free loopback ports) and stops them when the JVM's test run ends.
 *
 * <p>Tests isolate themselves by table and queue names: use {@link #uniqueName(String)}.
 */
public final class LocalEngines implements BeforeAllCallback {

    private static final Object LOCK = new Object();
    private static volatile Engines engines;

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureStarted(context);
    }

    private static Engines ensureStarted(ExtensionContext context) {
        synchronized (LOCK) {
            if (engines == null) {
                engines = Engines.start();
                if (context != null) {
                    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                            .put(LocalEngines.class.getName(), new StopAtEnd());
                } else {
                    Runtime.getRuntime().addShutdownHook(new Thread(LocalEngines::stop, "local-engines-stop"));
                }
            }
            return engines;
        }
    }

    private static void stop() {
        synchronized (LOCK) {
            if (engines != null) {
                engines.close();
                engines = null;
            }
        }
    }

    /** The shared engines, starting them if no extension did yet. */
    public static Engines engines() {
        Engines current = engines;
        return current != null ? current : ensureStarted(null);
    }

    public static DynamoDbClient dynamoDb() {
        return engines().dynamoDb();
    }

    public static DynamoDbStreamsClient dynamoDbStreams() {
        return engines().dynamoDbStreams();
    }

    public static SqsClient sqs() {
        return engines().sqs();
    }

    /** A name no other test uses, for tables and queues. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Stops the engines when the root test context closes (the end of the JVM's test run). */
    private static final class StopAtEnd implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stop();
        }
    }

    /** Both engines and clients bound to them. */
    public static final class Engines implements AutoCloseable {
        private final DynamoDbEngine dynamo;
        private final ElasticMqEngine sqsEngine;
        private final DynamoDbClient dynamoDb;
        private final DynamoDbStreamsClient streams;
        private final SqsClient sqs;

        private Engines(DynamoDbEngine dynamo, ElasticMqEngine sqsEngine) {
            this.dynamo = dynamo;
            this.sqsEngine = sqsEngine;
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            this.dynamoDb = DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            this.streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            this.sqs = SqsClient.builder().endpointOverride(sqsEngine.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }

        /** Starts the DynamoDB engine and ElasticMQ in parallel. */
        public static Engines start() {
            CompletableFuture<DynamoDbEngine> dynamo = CompletableFuture.supplyAsync(() -> DynamoDbEngine.builder().build().start());
            CompletableFuture<ElasticMqEngine> sqs = CompletableFuture.supplyAsync(ElasticMqEngine::start);
            return new Engines(dynamo.join(), sqs.join());
        }

        public DynamoDbEngine dynamoEngine() {
            return dynamo;
        }

        public ElasticMqEngine sqsEngine() {
            return sqsEngine;
        }

        public DynamoDbClient dynamoDb() {
            return dynamoDb;
        }

        public DynamoDbStreamsClient dynamoDbStreams() {
            return streams;
        }

        public SqsClient sqs() {
            return sqs;
        }

        @Override
        public void close() {
            dynamoDb.close();
            streams.close();
            sqs.close();
            sqsEngine.close();
            dynamo.close();
        }
    }
}

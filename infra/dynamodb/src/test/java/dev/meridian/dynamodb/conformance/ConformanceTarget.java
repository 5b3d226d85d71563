package dev.meridian.dynamodb.conformance;

import dev.meridian.dynamodb.DynamoDbEngine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;

/**
 * Where the conformance tests run: Meridian's engine (one per JVM, started on first use,
 * stopped at exit), or real DynamoDB when {@code MERIDIAN_DYNAMODB_CONFORMANCE_TARGET=aws}
 * (credentials and region from the default AWS chain; the tests then skip when none exist).
 */
public final class ConformanceTarget {

    private static DynamoDbEngine engine;
    private static DynamoDbClient client;

    private ConformanceTarget() {
    }

    public static boolean aws() {
        return "aws".equalsIgnoreCase(System.getenv("MERIDIAN_DYNAMODB_CONFORMANCE_TARGET"));
    }

    /** Whether real DynamoDB is reachable with credentials (only asked when {@link #aws()}). */
    static boolean awsCredentialsPresent() {
        try {
            DefaultCredentialsProvider.builder().build().resolveCredentials();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static synchronized DynamoDbClient client() {
        if (client != null) return client;
        if (aws()) {
            client = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        } else {
            engine = DynamoDbEngine.builder().port(0).build().start();
            client = DynamoDbClient.builder()
                    .endpointOverride(engine.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                engine.close();
            }));
        }
        return client;
    }

    /** The engine under test, or null against real DynamoDB. */
    public static synchronized DynamoDbEngine engine() {
        client();
        return engine;
    }
}

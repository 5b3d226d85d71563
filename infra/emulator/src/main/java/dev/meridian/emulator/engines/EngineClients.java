package dev.meridian.emulator.engines;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * The emulator's own clients of its engines (tables, streams, queues). Functions build theirs
 * through the layer; these never carry an injected fault.
 */
public record EngineClients(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, SqsClient sqs) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("local");
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    public static EngineClients connect(URI dynamoDbEndpoint, URI sqsEndpoint, String region) {
        Region r = Region.of(region);
        return new EngineClients(
                DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint).region(r).credentialsProvider(CREDENTIALS)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                DynamoDbStreamsClient.builder().endpointOverride(dynamoDbEndpoint).region(r).credentialsProvider(CREDENTIALS)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                SqsClient.builder().endpointOverride(sqsEndpoint).region(r).credentialsProvider(CREDENTIALS)
                        .httpClientBuilder(UrlConnectionHttpClient.builder()).build());
    }

    /**
     * Loads the SDK's client, marshalling and signing classes while the engines start (one
     * call each against a closed port, no retries): the first real call is then cheap.
     */
    public static void warmUpSdk() {
        URI closed = URI.create("http://127.0.0.1:" + dev.meridian.testkit.FreePorts.find());
        var noRetries = ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)).build();
        try (DynamoDbClient d = DynamoDbClient.builder().endpointOverride(closed).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(noRetries).build();
             SqsClient q = SqsClient.builder().endpointOverride(closed).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(noRetries).build()) {
            try {
                d.describeTable(b -> b.tableName("warm-up"));
            } catch (RuntimeException expected) {
                // connection refused: the classes are loaded
            }
            try {
                q.getQueueUrl(b -> b.queueName("warm-up"));
            } catch (RuntimeException expected) {
                // idem
            }
        } catch (RuntimeException e) {
            LOG.debug("SDK warm-up: {}", e.toString());
        }
    }

    @Override
    public void close() {
        dynamoDb.close();
        streams.close();
        sqs.close();
    }
}

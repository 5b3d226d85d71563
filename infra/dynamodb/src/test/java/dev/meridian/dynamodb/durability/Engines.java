package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.stream.StreamsPlugin;
import dev.meridian.dynamodb.ttl.TtlPlugin;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.nio.file.Path;

/** An engine on a data directory, its durability plugin and clients, closed together. */
final class Engines implements AutoCloseable {

    final DynamoDbEngine engine;
    final DurabilityPlugin durability;
    final DynamoDbClient db;
    final DynamoDbStreamsClient streams;
    final TtlPlugin ttl;

    private Engines(DynamoDbEngine engine, DurabilityPlugin durability, TtlPlugin ttl) {
        this.engine = engine;
        this.durability = durability;
        this.ttl = ttl;
        this.db = dynamo(engine.endpoint());
        this.streams = streams(engine.endpoint());
    }

    static Engines start(Path dir, long snapshotAfterBytes) {
        DurabilityPlugin durability = new DurabilityPlugin(false, snapshotAfterBytes);
        TtlPlugin ttl = new TtlPlugin(null, null);
        DynamoDbEngine engine = DynamoDbEngine.builder().dataDirectory(dir).discoverPlugins(false)
                .plugin(durability).plugin(new StreamsPlugin()).plugin(ttl).build().start();
        return new Engines(engine, durability, ttl);
    }

    static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static DynamoDbStreamsClient streams(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** As if the process were killed: nothing flushed beyond what each write already handed to the OS, no snapshot. */
    void crash() throws Exception {
        durability.abandon();
        close();
    }

    @Override
    public void close() {
        db.close();
        streams.close();
        engine.close();
    }
}

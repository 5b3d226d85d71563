package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.DynamoDbEngine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** SDK clients for an engine, and a reader that drains a stream from TRIM_HORIZON. */
final class StreamsClients {

    private StreamsClients() {
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

    static DynamoDbStreamsClient streams(DynamoDbEngine engine) {
        return streams(engine.endpoint());
    }

    /** Every record of every shard, in shard order then sequence order, reading each shard to its current end. */
    static List<Record> readAll(DynamoDbStreamsClient streams, String streamArn) {
        List<Record> out = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
            String it = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            out.addAll(drain(streams, it));
        }
        return out;
    }

    /** Reads from an iterator until a page comes back empty or the shard ends. */
    static List<Record> drain(DynamoDbStreamsClient streams, String iterator) {
        List<Record> out = new ArrayList<>();
        String it = iterator;
        while (it != null) {
            String current = it;
            GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(current));
            out.addAll(page.records());
            if (page.records().isEmpty()) {
                break;
            }
            it = page.nextShardIterator();
        }
        return out;
    }
}

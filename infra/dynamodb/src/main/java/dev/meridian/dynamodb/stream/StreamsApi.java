package dev.meridian.dynamodb.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.wire.OperationRegistry;
import dev.meridian.dynamodb.wire.RequestContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The DynamoDB Streams operations ({@code DynamoDBStreams_20120810.*}): ListStreams,
 * DescribeStream, GetShardIterator, GetRecords. Translates JSON to {@link StreamStore} calls and back.
 */
public final class StreamsApi {

    private final StreamStore store;

    public StreamsApi(StreamStore store) {
        this.store = store;
    }

    public void registerWith(OperationRegistry registry) {
        registry.registerStreams("ListStreams", this::listStreams);
        registry.registerStreams("DescribeStream", this::describeStream);
        registry.registerStreams("GetShardIterator", this::getShardIterator);
        registry.registerStreams("GetRecords", this::getRecords);
    }

    JsonNode listStreams(JsonNode request, RequestContext context) {
        String table = optionalString(request, "TableName");
        int limit = limit(request, "Limit", "limit", 100, 100);
        String start = optionalString(request, "ExclusiveStartStreamArn");
        List<Stream> streams = store.streams(table);
        int from = 0;
        if (start != null) {
            String resource = StreamStore.resourceOf(start);
            from = -1;
            for (int i = 0; i < streams.size(); i++) {
                if (streams.get(i).resource().equals(resource)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: ExclusiveStartStreamArn " + start + " not found");
            }
        }
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Streams");
        int to = Math.min(streams.size(), from + limit);
        for (int i = from; i < to; i++) {
            Stream s = streams.get(i);
            list.addObject().put("StreamArn", s.arn(context.region())).put("TableName", s.table()).put("StreamLabel", s.label());
        }
        if (to < streams.size()) {
            out.put("LastEvaluatedStreamArn", streams.get(to - 1).arn(context.region()));
        }
        return out;
    }

    JsonNode describeStream(JsonNode request, RequestContext context) {
        Stream stream = store.stream(requiredString(request, "StreamArn", "streamArn"));
        int limit = limit(request, "Limit", "limit", 100, 100);
        String start = optionalString(request, "ExclusiveStartShardId");
        ObjectNode out = Json.object();
        ObjectNode d = out.putObject("StreamDescription");
        d.put("StreamArn", stream.arn(context.region()));
        d.put("StreamLabel", stream.label());
        d.put("StreamStatus", stream.enabled() ? "ENABLED" : "DISABLED");
        d.put("StreamViewType", stream.viewType().name());
        d.put("CreationRequestDateTime", stream.createdMillis() / 1000.0);
        d.put("TableName", stream.table());
        ArrayNode keys = d.putArray("KeySchema");
        for (KeyElement k : stream.keySchema()) {
            keys.addObject().put("AttributeName", k.attributeName()).put("KeyType", k.keyType());
        }
        ArrayNode shards = d.putArray("Shards");
        synchronized (stream) {
            List<Shard> all = stream.shards();
            int from = 0;
            if (start != null) {
                // after the named shard; if it has aged out, after every shard created before it (ids start with the creation time)
                from = -1;
                for (int i = 0; i < all.size() && from < 0; i++) {
                    if (all.get(i).id.equals(start)) from = i + 1;
                }
                for (int i = 0; i < all.size() && from < 0; i++) {
                    if (all.get(i).id.compareTo(start) > 0) from = i;
                }
                if (from < 0) from = all.size();
            }
            int to = Math.min(all.size(), from + limit);
            for (int i = from; i < to; i++) {
                Shard s = all.get(i);
                ObjectNode n = shards.addObject();
                n.put("ShardId", s.id);
                if (s.parentId != null) {
                    n.put("ParentShardId", s.parentId);
                }
                ObjectNode range = n.putObject("SequenceNumberRange");
                range.put("StartingSequenceNumber", SequenceNumbers.format(s.startSequence));
                if (s.closed()) {
                    range.put("EndingSequenceNumber", SequenceNumbers.format(s.endSequence()));
                }
            }
            if (to < all.size()) {
                d.put("LastEvaluatedShardId", all.get(to - 1).id);
            }
        }
        return out;
    }

    JsonNode getShardIterator(JsonNode request, RequestContext context) {
        String arn = requiredString(request, "StreamArn", "streamArn");
        String shardId = requiredString(request, "ShardId", "shardId");
        String type = requiredString(request, "ShardIteratorType", "shardIteratorType");
        String sequence = optionalString(request, "SequenceNumber");
        ObjectNode out = Json.object();
        out.put("ShardIterator", store.shardIterator(arn, shardId, type, sequence));
        return out;
    }

    JsonNode getRecords(JsonNode request, RequestContext context) {
        String iterator = requiredString(request, "ShardIterator", "shardIterator");
        int limit = limit(request, "Limit", "limit", 1000, 1000);
        StreamStore.Page page = store.records(iterator, limit);
        ObjectNode out = Json.object();
        ArrayNode records = out.putArray("Records");
        for (StreamRecord r : page.records()) {
            records.add(recordNode(page.stream(), r, context.region()));
        }
        if (page.nextIterator() != null) {
            out.put("NextShardIterator", page.nextIterator());
        }
        return out;
    }

    /** One record as GetRecords returns it. */
    static ObjectNode recordNode(Stream stream, StreamRecord r, String region) {
        ObjectNode n = Json.object();
        n.put("eventID", UUID.nameUUIDFromBytes((stream.resource() + "#" + r.sequence()).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", ""));
        n.put("eventName", r.event().name());
        n.put("eventVersion", "1.1");
        n.put("eventSource", "aws:dynamodb");
        n.put("awsRegion", region);
        ObjectNode d = n.putObject("dynamodb");
        d.put("ApproximateCreationDateTime", r.epochMillis() / 1000);
        d.set("Keys", tree(r.keys()));
        if (r.newImage() != null) {
            d.set("NewImage", tree(r.newImage()));
        }
        if (r.oldImage() != null) {
            d.set("OldImage", tree(r.oldImage()));
        }
        d.put("SequenceNumber", SequenceNumbers.format(r.sequence()));
        d.put("SizeBytes", r.sizeBytes());
        d.put("StreamViewType", stream.viewType().name());
        if (r.byTtl()) {
            n.putObject("userIdentity").put("Type", "Service").put("PrincipalId", "dynamodb.amazonaws.com");
        }
        return n;
    }

    private static JsonNode tree(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a stored stream image", e);
        }
    }

    private static String optionalString(JsonNode request, String field) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for " + field + ": expected a string");
        }
        return n.textValue();
    }

    private static String requiredString(JsonNode request, String field, String member) {
        String v = optionalString(request, field);
        if (v == null) {
            throw DynamoDbException.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    private static int limit(JsonNode request, String field, String member, int max, int fallback) {
        JsonNode n = request.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isIntegralNumber()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for " + field + ": expected an integer");
        }
        long v = n.longValue();
        if (v < 1 || v > max) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + v + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value " + (v < 1 ? "greater than or equal to 1" : "less than or equal to " + max));
        }
        return (int) v;
    }
}

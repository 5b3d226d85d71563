package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.meridian.dynamodb.hostile.Json.arr;
import static dev.meridian.dynamodb.hostile.Json.n;
import static dev.meridian.dynamodb.hostile.Json.obj;
import static dev.meridian.dynamodb.hostile.Json.s;

/**
 * Two tables with unique names and a few items of every type, made once per JVM over HTTP:
 * {@code comp} (pk S, sk N; GSI byG on g, LSI byL on l; stream NEW_AND_OLD_IMAGES) and
 * {@code hash} (id S; TTL on exp). {@link #snapshot()} captures everything a request could
 * change: items, table descriptions, TTL settings and which of our tables exist.
 */
final class Fixture {

    final RawClient client;
    final String prefix = "hostile_" + UUID.randomUUID().toString().substring(0, 8);
    final String comp = prefix + "_comp";
    final String hash = prefix + "_hash";
    /** A well-formed table name that never exists. */
    final String missing = prefix + "_missing";
    /** Whether the engine serves the TTL operations (a plugin). */
    final boolean ttlServed;

    Fixture(RawClient client) {
        this.client = client;
        client.call("CreateTable", obj(
                "TableName", comp,
                "AttributeDefinitions", arr(attr("pk", "S"), attr("sk", "N"), attr("g", "S"), attr("l", "S")),
                "KeySchema", arr(key("pk", "HASH"), key("sk", "RANGE")),
                "GlobalSecondaryIndexes", arr(obj("IndexName", "byG", "KeySchema", arr(key("g", "HASH")),
                        "Projection", obj("ProjectionType", "ALL"))),
                "LocalSecondaryIndexes", arr(obj("IndexName", "byL", "KeySchema", arr(key("pk", "HASH"), key("l", "RANGE")),
                        "Projection", obj("ProjectionType", "KEYS_ONLY"))),
                "BillingMode", "PAY_PER_REQUEST",
                "StreamSpecification", obj("StreamEnabled", true, "StreamViewType", "NEW_AND_OLD_IMAGES")));
        client.call("CreateTable", obj(
                "TableName", hash,
                "AttributeDefinitions", arr(attr("id", "S")),
                "KeySchema", arr(key("id", "HASH")),
                "ProvisionedThroughput", obj("ReadCapacityUnits", 5, "WriteCapacityUnits", 5)));
        // TTL is a plugin: with it absent (UnknownOperationException) the fixture simply has no TTL
        RawClient.Answer ttl = client.post(Targets.dynamodb("UpdateTimeToLive"), obj("TableName", hash,
                "TimeToLiveSpecification", obj("Enabled", true, "AttributeName", "exp")));
        ttlServed = ttl.ok();
        if (!ttlServed && !"UnknownOperationException".equals(ttl.type())) {
            throw new AssertionError("UpdateTimeToLive on the fixture failed: " + ttl);
        }
        waitUntilActive(comp);
        waitUntilActive(hash);
        for (int i = 1; i <= 4; i++) {
            client.call("PutItem", obj("TableName", comp, "Item", compItem("p" + (i % 2), i)));
            client.call("PutItem", obj("TableName", hash, "Item", obj(
                    "id", s("h" + i), "exp", n("4102444800"), "flag", obj("BOOL", i % 2 == 0),
                    "nothing", obj("NULL", true), "bin", obj("B", "AAEC/w=="), "bs", obj("BS", arr("AQ==", "Ag==")))));
        }
    }

    /** An item of the comp table with attributes of every type. */
    static ObjectNode compItem(String pk, int sk) {
        return obj("pk", s(pk), "sk", n(Integer.toString(sk)), "g", s("g" + (sk % 3)), "l", s("l" + sk),
                "c", n(Integer.toString(sk * 10)), "v", obj("L", arr(s("a"), n("2"), obj("BOOL", true))),
                "m", obj("M", obj("a", s("x"), "b", obj("M", obj("c", n("3"))))),
                "ss", obj("SS", arr("u", "w")), "ns", obj("NS", arr("1", "2.5")), "status", s("open"));
    }

    static ObjectNode compKey(String pk, int sk) {
        return obj("pk", s(pk), "sk", n(Integer.toString(sk)));
    }

    /** Polls DescribeTable until the table and its indexes are ACTIVE (at most 30 s). */
    private void waitUntilActive(String table) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonNode t = client.call("DescribeTable", obj("TableName", table)).get("Table");
            boolean active = "ACTIVE".equals(t.path("TableStatus").asText());
            for (JsonNode gsi : t.path("GlobalSecondaryIndexes")) {
                active &= "ACTIVE".equals(gsi.path("IndexStatus").asText());
            }
            if (active) return;
            if (System.nanoTime() > deadline) throw new AssertionError(table + " is not ACTIVE after 30 s: " + t);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + table, e);
            }
        }
    }

    private List<String> known;
    private List<String> streamMark;

    /**
     * The state before a request: the last snapshot taken, if nothing succeeded since (a refused
     * request leaves the state as it was, which the after-snapshot just confirmed), else a new one;
     * with the streams plugin also a mark at the end of the comp table's stream (a LATEST
     * iterator per open shard), so that {@link #after()} can name any record the request wrote.
     */
    List<String> before() {
        if (known == null) known = snapshot();
        List<String> state = new ArrayList<>(known);
        streamMark = streamsServed() ? latestIterators() : null;
        if (streamMark != null) state.add("stream records written since: []");
        return state;
    }

    /** Marks the state as possibly changed (a request succeeded). */
    void changed() {
        known = null;
    }

    /** The state now, remembered as the next {@link #before()}. */
    List<String> after() {
        known = snapshot();
        List<String> state = new ArrayList<>(known);
        if (streamMark != null) {
            state.add("stream records written since: " + recordsSince(streamMark));
            streamMark = null;
        }
        return state;
    }

    private List<String> latestIterators() {
        String arn = streamArn();
        List<String> iterators = new ArrayList<>();
        for (JsonNode shard : call("DescribeStream", obj("StreamArn", arn)).get("StreamDescription").get("Shards")) {
            if (shard.path("SequenceNumberRange").has("EndingSequenceNumber")) continue; // closed
            iterators.add(call("GetShardIterator", obj("StreamArn", arn, "ShardId", shard.get("ShardId").asText(),
                    "ShardIteratorType", "LATEST")).get("ShardIterator").asText());
        }
        return iterators;
    }

    private List<String> recordsSince(List<String> iterators) {
        List<String> records = new ArrayList<>();
        for (String iterator : iterators) {
            for (JsonNode r : call("GetRecords", obj("ShardIterator", iterator, "Limit", 1000)).path("Records")) {
                records.add(r.path("eventName").asText() + " " + Json.canonical(r.path("dynamodb").path("Keys")));
            }
        }
        return records;
    }

    /** Everything observable about our tables, in canonical text. */
    List<String> snapshot() {
        List<String> out = new ArrayList<>();
        for (String table : List.of(comp, hash)) {
            out.add("describe " + Json.canonical(stableDescription(client.call("DescribeTable", obj("TableName", table)))));
            if (ttlServed) {
                out.add("ttl " + Json.canonical(client.call("DescribeTimeToLive", obj("TableName", table))));
            }
            List<String> items = new ArrayList<>();
            JsonNode start = null;
            do {
                ObjectNode scan = obj("TableName", table, "ConsistentRead", true);
                if (start != null) scan.set("ExclusiveStartKey", start);
                JsonNode page = client.call("Scan", scan);
                page.get("Items").forEach(item -> items.add(Json.canonical(item)));
                start = page.get("LastEvaluatedKey");
            } while (start != null && !start.isNull());
            items.sort(String::compareTo);
            out.add(table + " items " + items);
        }
        out.add("tables " + ourTables());
        return out;
    }

    /** Names of the tables with our prefix, by paging ListTables. */
    List<String> ourTables() {
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            ObjectNode req = obj("Limit", 100);
            if (start != null) req.put("ExclusiveStartTableName", start);
            JsonNode page = client.call("ListTables", req);
            page.get("TableNames").forEach(t -> {
                if (t.asText().startsWith(prefix)) names.add(t.asText());
            });
            JsonNode last = page.get("LastEvaluatedTableName");
            start = last == null || last.isNull() ? null : last.asText();
        } while (start != null);
        return names;
    }

    private static JsonNode stableDescription(JsonNode describe) {
        ObjectNode table = ((ObjectNode) describe.get("Table")).deepCopy();
        // the size estimate may be refreshed lazily; item contents are compared separately
        table.remove("TableSizeBytes");
        table.remove("ItemCount");
        for (String indexes : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            JsonNode list = table.get(indexes);
            if (list != null) {
                list.forEach(i -> {
                    ((ObjectNode) i).remove("IndexSizeBytes");
                    ((ObjectNode) i).remove("ItemCount");
                });
            }
        }
        return table;
    }

    private Boolean streamsServed;

    /** Whether the engine serves DynamoDB Streams for the comp table (a plugin). */
    boolean streamsServed() {
        if (streamsServed == null) {
            String arn = streamArn();
            streamsServed = arn != null
                    && client.post(Targets.streams("DescribeStream"), obj("StreamArn", arn)).ok();
        }
        return streamsServed;
    }

    /** A valid request of a Streams operation on the comp table's stream. */
    ObjectNode validStreamsRequest(String operation) {
        String arn = streamArn();
        JsonNode shards = call("DescribeStream", obj("StreamArn", arn)).get("StreamDescription").get("Shards");
        String shard = shards.get(shards.size() - 1).get("ShardId").asText();
        return switch (operation) {
            case "ListStreams" -> obj("TableName", comp, "Limit", 5);
            case "DescribeStream" -> obj("StreamArn", arn, "Limit", 10);
            case "GetShardIterator" -> obj("StreamArn", arn, "ShardId", shard, "ShardIteratorType", "TRIM_HORIZON");
            case "GetRecords" -> obj("ShardIterator", call("GetShardIterator", obj("StreamArn", arn, "ShardId", shard,
                    "ShardIteratorType", "TRIM_HORIZON")).get("ShardIterator").asText(), "Limit", 100);
            default -> throw new IllegalArgumentException("no Streams operation " + operation);
        };
    }

    private JsonNode call(String streamsOperation, ObjectNode body) {
        RawClient.Answer a = client.post(Targets.streams(streamsOperation), body);
        if (!a.ok()) throw new AssertionError(streamsOperation + " " + body + " was expected to succeed, got " + a);
        return a.body();
    }

    String streamArn() {
        JsonNode arn = client.call("DescribeTable", obj("TableName", comp)).get("Table").get("LatestStreamArn");
        return arn == null || arn.isNull() ? null : arn.asText();
    }

    static ObjectNode attr(String name, String type) {
        return obj("AttributeName", name, "AttributeType", type);
    }

    static ObjectNode key(String name, String type) {
        return obj("AttributeName", name, "KeyType", type);
    }
}

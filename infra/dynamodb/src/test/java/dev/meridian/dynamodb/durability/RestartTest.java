package dev.meridian.dynamodb.durability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restart on the same data directory finds tables, items, TTL settings and stream records as they were. */
class RestartTest {

    private static final long LARGE = 64L * 1024 * 1024;

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** Creates a table with a GSI, a stream and TTL, and writes to it: puts, an update, a delete, a transaction. */
    private static void populate(Engines e) {
        e.db.createTable(r -> r.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("status").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
        e.db.updateTimeToLive(r -> r.tableName("orders").timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
        for (int i = 0; i < 50; i++) {
            int k = i;
            e.db.putItem(r -> r.tableName("orders").item(Map.of("pk", s("o" + (k % 5)), "sk", n(k), "status", s(k % 2 == 0 ? "open" : "paid"),
                    "expires", n(4_000_000_000L))));
        }
        e.db.updateItem(r -> r.tableName("orders").key(Map.of("pk", s("o0"), "sk", n(0))).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s("shipped"))));
        e.db.deleteItem(r -> r.tableName("orders").key(Map.of("pk", s("o1"), "sk", n(1))));
        e.db.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName("orders").item(Map.of("pk", s("tx"), "sk", n(1), "status", s("open"))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName("orders").item(Map.of("pk", s("tx"), "sk", n(2), "status", s("open"))).build()).build()));
        e.db.createTable(r -> r.tableName("dropped").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
        e.db.deleteTable(r -> r.tableName("dropped"));
    }

    /** Everything observable about the state, for comparing before and after a restart. */
    private record State(TableDescription table, String ttl, List<Map<String, AttributeValue>> items,
                         List<Map<String, AttributeValue>> open, List<String> records, List<String> tables) {
    }

    private static State state(Engines e) {
        TableDescription d = e.db.describeTable(r -> r.tableName("orders")).table();
        String ttl = e.db.describeTimeToLive(r -> r.tableName("orders")).timeToLiveDescription().timeToLiveStatusAsString()
                + "/" + e.db.describeTimeToLive(r -> r.tableName("orders")).timeToLiveDescription().attributeName();
        List<Map<String, AttributeValue>> items = e.db.scan(r -> r.tableName("orders")).items();
        List<Map<String, AttributeValue>> open = e.db.query(r -> r.tableName("orders").indexName("byStatus")
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("open")))).items();
        List<String> records = new java.util.ArrayList<>();
        for (Record rec : readStream(e, d.latestStreamArn())) {
            records.add(rec.eventID() + " " + rec.eventName() + " " + rec.dynamodb().sequenceNumber() + " " + rec.dynamodb().keys()
                    + " " + rec.dynamodb().oldImage() + " " + rec.dynamodb().newImage());
        }
        return new State(strip(d), ttl, items, open, records, e.db.listTables().tableNames());
    }

    private static TableDescription strip(TableDescription d) {
        // counts and sizes may be reported lazily; everything else must match
        return d.toBuilder().itemCount(null).tableSizeBytes(null)
                .globalSecondaryIndexes(d.globalSecondaryIndexes().stream().map(g -> g.toBuilder().itemCount(null).indexSizeBytes(null).build()).toList())
                .build();
    }

    static List<Record> readStream(Engines e, String arn) {
        List<Record> out = new java.util.ArrayList<>();
        for (var shard : e.streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards()) {
            String it = e.streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId()).shardIteratorType("TRIM_HORIZON")).shardIterator();
            while (it != null) {
                String cur = it;
                var page = e.streams.getRecords(r -> r.shardIterator(cur));
                out.addAll(page.records());
                if (page.records().isEmpty()) break;
                it = page.nextShardIterator();
            }
        }
        return out;
    }

    @Test
    void gracefulRestart_shouldFindEverythingAsItWas(@TempDir Path dir) {
        // given
        State before;
        try (Engines e = Engines.start(dir, LARGE)) {
            populate(e);
            before = state(e);
        }
        // when
        try (Engines e = Engines.start(dir, LARGE)) {
            State after = state(e);
            // then
            assertThat(after).isEqualTo(before);
            assertThat(before.ttl()).isEqualTo(TimeToLiveStatus.ENABLED + "/expires");
            assertThat(before.items()).hasSize(51);
            assertThat(before.records()).hasSize(50 + 1 + 1 + 2);
            assertThat(before.tables()).containsExactly("orders");
            // the TTL reaper follows the restored table: its expiry index holds the 49 items with a TTL
            assertThat(e.ttl.reaper().sweep()).isZero();
            assertThat(e.ttl.reaper().indexed("orders")).isEqualTo(49);
            // and the stream goes on numbering above what it had
            e.db.putItem(r -> r.tableName("orders").item(Map.of("pk", s("new"), "sk", n(1))));
            List<Record> records = readStream(e, before.table().latestStreamArn());
            assertThat(records).hasSize(before.records().size() + 1);
            BigInteger last = new BigInteger(records.get(records.size() - 2).dynamodb().sequenceNumber());
            assertThat(new BigInteger(records.get(records.size() - 1).dynamodb().sequenceNumber())).isGreaterThan(last);
        }
    }

    @Test
    void crashRestart_shouldReplayTheLog(@TempDir Path dir) throws Exception {
        // given: no snapshot is ever written, the state lives only in the log
        State before;
        Engines first = Engines.start(dir, LARGE);
        populate(first);
        before = state(first);
        first.crash();
        assertThat(files(dir)).noneMatch(f -> f.startsWith("snapshot-"));
        // when
        try (Engines e = Engines.start(dir, LARGE)) {
            // then
            assertThat(state(e)).isEqualTo(before);
        }
    }

    @Test
    void frequentSnapshots_shouldCompactTheLog_andLoseNothing(@TempDir Path dir) throws Exception {
        // given: a snapshot after every few KB of log
        Engines first = Engines.start(dir, 4096);
        populate(first);
        for (int i = 0; i < 300; i++) {
            int k = i;
            first.db.putItem(r -> r.tableName("orders").item(Map.of("pk", s("bulk"), "sk", n(k), "pad", s("x".repeat(100)))));
        }
        State before = state(first);
        first.durability.snapshot();
        first.db.putItem(r -> r.tableName("orders").item(Map.of("pk", s("afterSnapshot"), "sk", n(1))));
        before = state(first);
        first.crash();
        // when
        try (Engines e = Engines.start(dir, LARGE)) {
            // then
            assertThat(state(e)).isEqualTo(before);
            assertThat(files(dir).stream().filter(f -> f.startsWith("snapshot-"))).hasSize(1);
            assertThat(files(dir)).noneMatch(f -> f.endsWith(".tmp"));
        }
    }

    @Test
    void tornTail_shouldBeCutOff_andTheLogGoesOnAfterIt(@TempDir Path dir) throws Exception {
        // given: two writes, then half of a third frame at the end of the log (a write the process died in)
        Engines first = Engines.start(dir, LARGE);
        first.db.createTable(r -> r.tableName("tbl").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("a"))));
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("b"))));
        first.crash();
        Path log = lastLog(dir);
        long intact = Files.size(log);
        first = Engines.start(dir, LARGE);
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("torn"))));
        first.crash();
        long withThird = Files.size(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(intact + (withThird - intact) / 2);
        }
        // when
        try (Engines e = Engines.start(dir, LARGE)) {
            // then
            assertThat(ids(e)).containsExactlyInAnyOrder("a", "b");
            assertThat(Files.size(log)).isEqualTo(intact);
            assertThat(e.durability.recovered().truncated()).contains("cut short");
            e.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("c"))));
            e.durability.abandon();
        }
        try (Engines e = Engines.start(dir, LARGE)) {
            assertThat(ids(e)).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void corruptFrameInAClosedLog_shouldStopTheStart_withAMessageNamingIt(@TempDir Path dir) throws Exception {
        // given: a log generation followed by another (a snapshot rotated the log), then a flipped byte in the first
        Engines first = Engines.start(dir, LARGE);
        first.db.createTable(r -> r.tableName("tbl").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("a"))));
        first.crash();
        Path closed = lastLog(dir);
        Path next = closed.resolveSibling(closed.getFileName().toString().replace("000000000000", "000000000001"));
        Files.write(next, WriteAheadLog.MAGIC);
        try (FileChannel ch = FileChannel.open(closed, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 3);
            b.flip();
            byte flipped = (byte) (b.get() ^ 0x55);
            ch.write(ByteBuffer.wrap(new byte[]{flipped}), ch.size() - 3);
        }
        // when / then
        assertThatThrownBy(() -> Engines.start(dir, LARGE)).hasMessageContaining("corrupt")
                .hasMessageContaining(closed.getFileName().toString()).hasMessageContaining("CRC32");
    }

    @Test
    void zeroFilledTail_shouldBeCutOff_asAfterAPowerLoss(@TempDir Path dir) throws Exception {
        // given: the log, then 4 KB of zeros (a file extended but never written)
        Engines first = Engines.start(dir, LARGE);
        createTbl(first);
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("a"))));
        first.crash();
        Path log = lastLog(dir);
        long intact = Files.size(log);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(4096));
        }
        // when
        try (Engines e = Engines.start(dir, LARGE)) {
            // then
            assertThat(ids(e)).containsExactly("a");
            assertThat(Files.size(log)).isEqualTo(intact);
        }
    }

    @Test
    void corruptFrameInTheMiddleOfTheLastLog_shouldStopTheStart_notDropTheWritesAfterIt(@TempDir Path dir) throws Exception {
        // given: three writes, a flipped byte inside the second one's frame
        Engines first = Engines.start(dir, LARGE);
        createTbl(first);
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("a"))));
        first.crash();
        Path log = lastLog(dir);
        long before = Files.size(log);
        first = Engines.start(dir, LARGE);
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("b"))));
        first.db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("c"))));
        first.crash();
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, before + 12);
            ch.write(ByteBuffer.wrap(new byte[]{(byte) (b.get(0) ^ 0x55)}), before + 12);
        }
        // when / then
        assertThatThrownBy(() -> Engines.start(dir, LARGE)).hasMessageContaining("not a torn tail")
                .hasMessageContaining(log.getFileName().toString());
    }

    private static void createTbl(Engines e) {
        e.db.createTable(r -> r.tableName("tbl").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
    }

    @Test
    void inMemoryEngine_shouldWriteNothingToDisk(@TempDir Path dir) {
        // given
        DurabilityPlugin durability = new DurabilityPlugin(false, LARGE);
        try (var engine = dev.meridian.dynamodb.DynamoDbEngine.builder().discoverPlugins(false).plugin(durability).build().start();
             var db = Engines.dynamo(engine.endpoint())) {
            // when
            db.createTable(r -> r.tableName("tbl").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
            db.putItem(r -> r.tableName("tbl").item(Map.of("id", s("a"))));
            // then
            assertThat(DurabilityPlugin.of(engine.database())).isNull();
            assertThat(durability.recovered()).isNull();
        }
        assertThat(files(dir)).isEmpty();
    }

    private static List<String> ids(Engines e) {
        return e.db.scan(r -> r.tableName("tbl")).items().stream().map(i -> i.get("id").s()).toList();
    }

    private static Path lastLog(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("wal-")).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    static List<String> files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("LOCK")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

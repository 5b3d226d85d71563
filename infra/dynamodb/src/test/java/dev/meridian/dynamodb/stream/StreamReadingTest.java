package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.conformance.ConformanceTarget;
import dev.meridian.dynamodb.conformance.ConformanceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Iterators, pages, DescribeStream, ListStreams and the stream's life cycle, over the wire. */
class StreamReadingTest extends ConformanceTest {

    private DynamoDbStreamsClient streams;

    @BeforeAll
    void streamsClient() {
        assumeTrue(ConformanceTarget.engine() != null, "engine-only test");
        streams = StreamsClients.streams(ConformanceTarget.engine());
    }

    private String streamTable() {
        return table(b -> b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()), "pk", ScalarAttributeType.S, null, null);
    }

    private String arn(String table) {
        return db.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    private void put(String table, String pk) {
        db.putItem(r -> r.tableName(table).item(item("pk", s(pk))));
    }

    private Shard onlyShard(String arn) {
        List<Shard> shards = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards();
        assertThat(shards).hasSize(1);
        return shards.get(0);
    }

    private String iterator(String arn, Shard shard, ShardIteratorType type, String sequence) {
        return streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(type)
                .sequenceNumber(sequence)).shardIterator();
    }

    private static List<String> pks(List<Record> records) {
        return records.stream().map(r -> r.dynamodb().keys().get("pk").s()).toList();
    }

    @Test
    void iteratorTypes_shouldStartWhereTheyName() {
        // given
        String t = streamTable();
        String arn = arn(t);
        put(t, "a");
        put(t, "b");
        Shard shard = onlyShard(arn);
        String latest = iterator(arn, shard, ShardIteratorType.LATEST, null);
        put(t, "c");
        List<Record> all = StreamsClients.drain(streams, iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null));
        String seqB = all.get(1).dynamodb().sequenceNumber();
        // when / then
        assertThat(pks(all)).containsExactly("a", "b", "c");
        assertThat(pks(StreamsClients.drain(streams, latest))).containsExactly("c");
        assertThat(pks(StreamsClients.drain(streams, iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, seqB))))
                .containsExactly("b", "c");
        assertThat(pks(StreamsClients.drain(streams, iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, seqB))))
                .containsExactly("c");
    }

    @Test
    void getRecords_shouldPageByLimit_andKeepAnIteratorAtTheEndOfAnOpenShard() {
        // given
        String t = streamTable();
        String arn = arn(t);
        for (int i = 0; i < 5; i++) put(t, "p" + i);
        String it = iterator(arn, onlyShard(arn), ShardIteratorType.TRIM_HORIZON, null);
        // when
        GetRecordsResponse first = streams.getRecords(r -> r.shardIterator(it).limit(2));
        GetRecordsResponse second = streams.getRecords(r -> r.shardIterator(first.nextShardIterator()).limit(2));
        GetRecordsResponse third = streams.getRecords(r -> r.shardIterator(second.nextShardIterator()).limit(2));
        GetRecordsResponse empty = streams.getRecords(r -> r.shardIterator(third.nextShardIterator()));
        put(t, "later");
        GetRecordsResponse later = streams.getRecords(r -> r.shardIterator(empty.nextShardIterator()));
        // then
        assertThat(pks(first.records())).containsExactly("p0", "p1");
        assertThat(pks(second.records())).containsExactly("p2", "p3");
        assertThat(pks(third.records())).containsExactly("p4");
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
        assertThat(pks(later.records())).containsExactly("later");
    }

    @Test
    void describeStream_shouldDescribeTheOpenShardAndKeySchema() {
        // given
        String t = table(b -> b.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                .streamViewType(StreamViewType.KEYS_ONLY).build()), "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        String arn = arn(t);
        // when
        StreamDescription d = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        // then
        assertThat(arn).matches("arn:aws:dynamodb:us-east-1:000000000000:table/" + t
                + "/stream/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
        assertThat(d.streamArn()).isEqualTo(arn);
        assertThat(d.streamLabel()).isEqualTo(db.describeTable(r -> r.tableName(t)).table().latestStreamLabel());
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(d.streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(d.tableName()).isEqualTo(t);
        assertThat(d.creationRequestDateTime()).isNotNull();
        assertThat(d.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString()).containsExactly("pk:HASH", "sk:RANGE");
        Shard shard = d.shards().get(0);
        assertThat(shard.shardId()).startsWith("shardId-");
        assertThat(shard.parentShardId()).isNull();
        assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("[0-9]{21}");
        assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
    }

    @Test
    void disablingTheStream_shouldCloseItsShard_andReEnablingMakesANewStream() {
        // given
        String t = streamTable();
        String first = arn(t);
        put(t, "before");
        String it = iterator(first, onlyShard(first), ShardIteratorType.TRIM_HORIZON, null);
        // when
        db.updateTable(r -> r.tableName(t).streamSpecification(StreamSpecification.builder().streamEnabled(false).build()));
        put(t, "while-disabled");
        StreamDescription disabled = streams.describeStream(r -> r.streamArn(first)).streamDescription();
        GetRecordsResponse last = streams.getRecords(r -> r.shardIterator(it));
        db.updateTable(r -> r.tableName(t).streamSpecification(StreamSpecification.builder().streamEnabled(true)
                .streamViewType(StreamViewType.NEW_IMAGE).build()));
        String second = arn(t);
        put(t, "after");
        // then
        assertThat(disabled.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(disabled.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(pks(last.records())).containsExactly("before");
        assertThat(last.nextShardIterator()).as("a closed shard's last page has no next iterator").isNull();
        assertThat(second).isNotEqualTo(first);
        assertThat(pks(StreamsClients.readAll(streams, second))).containsExactly("after");
        assertThat(streams.listStreams(r -> r.tableName(t)).streams()).extracting(s -> s.streamArn())
                .containsExactly(first, second);
    }

    @Test
    void deletingTheTable_shouldDisableItsStream_whichStaysReadable() {
        // given
        String t = streamTable();
        String arn = arn(t);
        put(t, "a");
        // when
        db.deleteTable(r -> r.tableName(t));
        // then
        StreamDescription d = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        assertThat(d.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(d.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        assertThat(pks(StreamsClients.readAll(streams, arn))).containsExactly("a");
        assertThat(streams.listStreams(r -> r.tableName(t)).streams()).extracting(s -> s.streamArn()).containsExactly(arn);
    }

    @Test
    void listStreams_shouldPage() {
        // given
        String a = streamTable();
        String b = streamTable();
        List<String> mine = List.of(arn(a), arn(b));
        // when: page through everything, one at a time
        List<String> seen = new java.util.ArrayList<>();
        String start = null;
        do {
            String from = start;
            var page = streams.listStreams(r -> r.limit(1).exclusiveStartStreamArn(from));
            assertThat(page.streams()).hasSizeLessThanOrEqualTo(1);
            page.streams().forEach(s -> seen.add(s.streamArn()));
            start = page.lastEvaluatedStreamArn();
        } while (start != null);
        // then
        assertThat(seen).containsAll(mine).doesNotHaveDuplicates();
        assertThat(streams.listStreams(r -> r.tableName(a)).streams()).extracting(s -> s.tableName()).containsExactly(a);
    }

    @Test
    void badRequests_shouldFailWithTheDocumentedErrors() {
        // given
        String t = streamTable();
        String arn = arn(t);
        Shard shard = onlyShard(arn);
        // when / then
        DynamoDbException unknown = catchThrowableOfType(ResourceNotFoundException.class,
                () -> streams.describeStream(r -> r.streamArn(arn.replace(t, t + "x"))));
        assertThat(unknown).isNotNull();
        DynamoDbException badIterator = catchThrowableOfType(DynamoDbException.class,
                () -> streams.getRecords(r -> r.shardIterator("not-an-iterator")));
        assertThat(badIterator.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        DynamoDbException badShard = catchThrowableOfType(ResourceNotFoundException.class,
                () -> streams.getShardIterator(r -> r.streamArn(arn).shardId("shardId-nope").shardIteratorType(ShardIteratorType.LATEST)));
        assertThat(badShard).isNotNull();
        DynamoDbException missingSeq = catchThrowableOfType(DynamoDbException.class,
                () -> streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)));
        assertThat(missingSeq.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        DynamoDbException limit = catchThrowableOfType(DynamoDbException.class, () -> streams.getRecords(r -> r.shardIterator(
                iterator(arn, shard, ShardIteratorType.LATEST, null)).limit(1001)));
        assertThat(limit.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }
}

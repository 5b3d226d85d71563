package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.conformance.ConformanceTarget;
import dev.meridian.dynamodb.conformance.ConformanceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What each write puts in the stream: one record per real change, none for a write that changes nothing. */
class StreamRecordsTest extends ConformanceTest {

    private DynamoDbStreamsClient streams;

    @BeforeAll
    void streamsClient() {
        assumeTrue(ConformanceTarget.engine() != null, "engine-only test");
        streams = StreamsClients.streams(ConformanceTarget.engine());
    }

    private String streamTable(StreamViewType view) {
        return table(b -> b.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(view).build()),
                "pk", ScalarAttributeType.S, null, null);
    }

    private String arn(String table) {
        return db.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    private List<Record> records(String table) {
        return StreamsClients.readAll(streams, arn(table));
    }

    @Test
    void putUpdateDelete_shouldWriteInsertModifyRemove_withBothImages() {
        // given
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        // when
        db.putItem(r -> r.tableName(t).item(item("pk", s("a"), "v", n(1))));
        db.updateItem(r -> r.tableName(t).key(item("pk", s("a"))).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n(2))));
        db.deleteItem(r -> r.tableName(t).key(item("pk", s("a"))));
        // then
        List<Record> records = records(t);
        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        Record insert = records.get(0);
        assertThat(insert.eventVersion()).isEqualTo("1.1");
        assertThat(insert.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(insert.awsRegion()).isEqualTo("us-east-1");
        assertThat(insert.eventID()).hasSize(32);
        assertThat(insert.userIdentity()).isNull();
        assertThat(insert.dynamodb().keys()).isEqualTo(item("pk", s("a")));
        assertThat(insert.dynamodb().newImage()).isEqualTo(item("pk", s("a"), "v", n(1)));
        assertThat(insert.dynamodb().oldImage()).isEmpty();
        assertThat(insert.dynamodb().streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(insert.dynamodb().sizeBytes()).isPositive();
        assertThat(insert.dynamodb().approximateCreationDateTime()).isNotNull();
        assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(item("pk", s("a"), "v", n(1)));
        assertThat(records.get(1).dynamodb().newImage()).isEqualTo(item("pk", s("a"), "v", n(2)));
        assertThat(records.get(2).dynamodb().oldImage()).isEqualTo(item("pk", s("a"), "v", n(2)));
        assertThat(records.get(2).dynamodb().newImage()).isEmpty();
        assertThat(records).extracting(Record::eventID).doesNotHaveDuplicates();
        BigInteger previous = BigInteger.ZERO;
        for (Record r : records) {
            String seq = r.dynamodb().sequenceNumber();
            assertThat(seq).matches("[0-9]{21,40}");
            assertThat(new BigInteger(seq)).isGreaterThan(previous);
            previous = new BigInteger(seq);
        }
    }

    @Test
    void writesThatChangeNothing_shouldWriteNoRecord() {
        // given
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        db.putItem(r -> r.tableName(t).item(item("pk", s("a"), "v", n(1))));
        // when: a failed condition, a delete of a missing item, an update to the same value, the same item put again
        assertThatThrownBy(() -> db.putItem(r -> r.tableName(t).item(item("pk", s("a"), "v", n(9)))
                .conditionExpression("attribute_not_exists(pk)"))).isInstanceOf(ConditionalCheckFailedException.class);
        db.deleteItem(r -> r.tableName(t).key(item("pk", s("missing"))));
        db.updateItem(r -> r.tableName(t).key(item("pk", s("a"))).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n(1))));
        db.putItem(r -> r.tableName(t).item(item("pk", s("a"), "v", n(1))));
        // then: only the first put
        assertThat(records(t)).extracting(Record::eventName).containsExactly(OperationType.INSERT);
    }

    @Test
    void viewTypes_shouldKeepOnlyWhatTheyName() {
        for (StreamViewType view : List.of(StreamViewType.KEYS_ONLY, StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE)) {
            // given
            String t = streamTable(view);
            // when
            db.putItem(r -> r.tableName(t).item(item("pk", s("k"), "v", n(1))));
            db.putItem(r -> r.tableName(t).item(item("pk", s("k"), "v", n(2))));
            // then
            List<Record> records = records(t);
            assertThat(records).hasSize(2);
            Record modify = records.get(1);
            assertThat(modify.eventName()).isEqualTo(OperationType.MODIFY);
            assertThat(modify.dynamodb().keys()).isEqualTo(item("pk", s("k")));
            assertThat(modify.dynamodb().streamViewType()).isEqualTo(view);
            Map<String, AttributeValue> none = Map.of();
            assertThat(modify.dynamodb().newImage()).as(view.toString())
                    .isEqualTo(view == StreamViewType.NEW_IMAGE ? item("pk", s("k"), "v", n(2)) : none);
            assertThat(modify.dynamodb().oldImage()).as(view.toString())
                    .isEqualTo(view == StreamViewType.OLD_IMAGE ? item("pk", s("k"), "v", n(1)) : none);
        }
    }

    @Test
    void transaction_shouldWriteOneRecordPerItem() {
        // given
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        // when
        db.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("pk", s("x"), "v", n(1))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("pk", s("y"), "v", n(2))).build()).build()));
        // then
        List<Record> records = records(t);
        assertThat(records).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactlyInAnyOrder("x", "y");
        assertThat(records).extracting(Record::eventName).containsOnly(OperationType.INSERT);
    }

    @Test
    void tableWithoutStream_shouldHaveNoStreamArn() {
        // given
        String t = table("pk", ScalarAttributeType.S, null, null);
        // when
        db.putItem(r -> r.tableName(t).item(item("pk", s("a"))));
        // then
        assertThat(arn(t)).isNull();
        assertThat(streams.listStreams(r -> r.tableName(t)).streams()).isEmpty();
    }

    @Test
    void conditionFailureInsideTransaction_shouldWriteNoRecord() {
        // given
        String t = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);
        db.putItem(r -> r.tableName(t).item(item("pk", s("held"))));
        // when
        assertThatThrownBy(() -> db.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("pk", s("new"))).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(t).item(item("pk", s("held"), "v", n(1)))
                        .conditionExpression("attribute_not_exists(pk)").build()).build())))
                .hasMessageContaining("ConditionalCheckFailed");
        // then
        assertThat(records(t)).hasSize(1);
    }
}

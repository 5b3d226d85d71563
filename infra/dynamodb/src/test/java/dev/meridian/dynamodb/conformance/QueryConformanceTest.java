package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueryConformanceTest extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = table(b -> b
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N).build(),
                        AttributeDefinition.builder().attributeName("status").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("by-status")
                        .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()),
                "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        for (int i = 1; i <= 10; i++) {
            var it = item("pk", s("p"), "sk", n(i), "odd", AttributeValue.fromBool(i % 2 == 1), "payload", s("x" + i));
            if (i <= 4) it.put("status", s(i % 2 == 0 ? "OPEN" : "DONE"));
            db.putItem(r -> r.tableName(table).item(it));
        }
        db.putItem(r -> r.tableName(table).item(item("pk", s("other"), "sk", n(-5))));
    }

    private static List<Long> sortKeys(QueryResponse r) {
        List<Long> out = new ArrayList<>();
        r.items().forEach(i -> out.add(Long.parseLong(i.get("sk").n())));
        return out;
    }

    @Test
    void query_shouldReturnPartitionInSortOrder_whenOnlyPartitionKeyGiven() {
        var r = db.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(sortKeys(r)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()).isFalse();
    }

    @Test
    void query_shouldReturnDescending_whenScanIndexForwardFalse() {
        var r = db.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                .expressionAttributeValues(Map.of(":p", s("p"), ":a", n(3), ":b", n(6))).scanIndexForward(false));
        assertThat(sortKeys(r)).containsExactly(6L, 5L, 4L, 3L);
    }

    @Test
    void query_shouldApplyLimitBeforeFilter_whenBothGiven() {
        var r = db.query(q -> q.tableName(table).keyConditionExpression("pk = :p")
                .filterExpression("odd = :t").limit(3)
                .expressionAttributeValues(Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true))));
        assertThat(r.scannedCount()).isEqualTo(3);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(3)));
    }

    @Test
    void query_shouldPageThroughAll_whenFollowingLastEvaluatedKey() {
        List<Long> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> esk = start;
            var r = db.query(q -> q.tableName(table).keyConditionExpression("pk = :p").limit(4).exclusiveStartKey(esk)
                    .expressionAttributeValues(Map.of(":p", s("p"))));
            all.addAll(sortKeys(r));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null && pages < 10);
        assertThat(all).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void query_shouldCountOnly_whenSelectCount() {
        var r = db.query(q -> q.tableName(table).keyConditionExpression("pk = :p AND sk > :s").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":p", s("p"), ":s", n(7))));
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.hasItems()).isFalse();
    }

    @Test
    void query_shouldReadSparseKeysOnlyIndex_whenIndexNameGiven() {
        var r = db.query(q -> q.tableName(table).indexName("by-status").keyConditionExpression("#s = :v")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":v", s("OPEN"))));
        assertThat(r.items()).containsExactly(item("pk", s("p"), "sk", n(2), "status", s("OPEN")),
                item("pk", s("p"), "sk", n(4), "status", s("OPEN")));
    }

    @Test
    void query_shouldRejectConsistentRead_whenIndexIsGlobal() {
        var e = failure("ValidationException", () -> db.query(q -> q.tableName(table).indexName("by-status")
                .keyConditionExpression("#s = :v").consistentRead(true)
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":v", s("OPEN")))));
        assertThat(message(e)).isEqualTo("Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void query_shouldRejectCondition_whenPartitionKeyMissing() {
        var e = failure("ValidationException", () -> db.query(q -> q.tableName(table).keyConditionExpression("sk = :v")
                .expressionAttributeValues(Map.of(":v", n(1)))));
        assertThat(message(e)).isEqualTo("Query condition missed key schema element: pk");
    }

    @Test
    void query_shouldSelectPrefix_whenBeginsWithOnStringSortKey() {
        String t = table("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        for (String sk : List.of("a", "ab", "abc", "abd", "b", "aa")) {
            db.putItem(r -> r.tableName(t).item(item("pk", s("x"), "sk", s(sk))));
        }
        var r = db.query(q -> q.tableName(t).keyConditionExpression("pk = :p AND begins_with(sk, :b)")
                .expressionAttributeValues(Map.of(":p", s("x"), ":b", s("ab"))).scanIndexForward(false));
        assertThat(r.items()).extracting(i -> i.get("sk").s()).containsExactly("abd", "abc", "ab");
    }

    @Test
    void query_shouldReadLocalIndexInItsSortOrder_andResumeFromItsLastEvaluatedKey() {
        String t = table(b -> b
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("rank").attributeType(ScalarAttributeType.N).build())
                .localSecondaryIndexes(software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex.builder()
                        .indexName("by-rank")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("rank").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()),
                "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        // ranks repeat, so the index cursor must tell items with one rank apart by the table key
        for (int i = 0; i < 6; i++) {
            int k = i;
            db.putItem(r -> r.tableName(t).item(item("pk", s("p"), "sk", s("s" + k), "rank", n(k % 2))));
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> esk = start;
            var r = db.query(q -> q.tableName(t).indexName("by-rank").keyConditionExpression("pk = :p").limit(2)
                    .consistentRead(true).exclusiveStartKey(esk).expressionAttributeValues(Map.of(":p", s("p"))));
            r.items().forEach(i -> seen.add(i.get("rank").n() + "/" + i.get("sk").s()));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            if (start != null) assertThat(start.keySet()).containsExactlyInAnyOrder("pk", "sk", "rank");
        } while (start != null);
        assertThat(seen).hasSize(6);
        assertThat(seen.subList(0, 3)).allMatch(x -> x.startsWith("0/"));
        assertThat(seen.subList(3, 6)).allMatch(x -> x.startsWith("1/"));
    }
}

package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BatchWriteItemConformanceTest extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = table("pk", ScalarAttributeType.S, null, null);
    }

    private static WriteRequest put(String pk) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", s(pk))).build()).build();
    }

    @Test
    void batchWrite_shouldWriteAll_when25PutsAndDeletes() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("gone"))));
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 24; i++) writes.add(put("bw-" + i));
        writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of("pk", s("gone"))).build()).build());
        var out = db.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));
        assertThat(out.unprocessedItems()).isEmpty();
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", s("bw-23")))).hasItem()).isTrue();
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", s("gone")))).hasItem()).isFalse();
    }

    @Test
    void batchWrite_shouldRejectAndWriteNothing_when26Requests() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 26; i++) writes.add(put("over-" + i));
        var e = failure("ValidationException", () -> db.batchWriteItem(r -> r.requestItems(Map.of(table, writes))));
        assertThat(message(e)).contains("Member must have length less than or equal to 25");
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", s("over-0")))).hasItem()).isFalse();
    }

    @Test
    void batchWrite_shouldRejectDuplicates_whenOneKeyTwice() {
        var e = failure("ValidationException", () -> db.batchWriteItem(r -> r.requestItems(Map.of(table, List.of(put("dup"), put("dup"))))));
        assertThat(message(e)).isEqualTo("Provided list of item keys contains duplicates");
    }

    @Test
    void batchWrite_shouldFailWholeBatch_whenOneItemIsInvalid() {
        WriteRequest bad = WriteRequest.builder().putRequest(PutRequest.builder().item(item("pk", n(1))).build()).build();
        failure("ValidationException", () -> db.batchWriteItem(r -> r.requestItems(Map.of(table, List.of(put("valid-first"), bad)))));
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", s("valid-first")))).hasItem()).isFalse();
    }
}

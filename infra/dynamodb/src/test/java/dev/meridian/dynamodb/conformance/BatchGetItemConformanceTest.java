package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BatchGetItemConformanceTest extends ConformanceTest {

    private String table;
    private String other;

    @BeforeAll
    void createTables() {
        table = table("pk", ScalarAttributeType.S, null, null);
        other = table("id", ScalarAttributeType.N, null, null);
        for (int i = 0; i < 100; i++) {
            int k = i;
            db.putItem(r -> r.tableName(table).item(item("pk", s("g" + k), "v", n(k))));
        }
    }

    @Test
    void batchGet_shouldReturnFoundItemsPerTable_whenSomeMissing() {
        var out = db.batchGetItem(r -> r.requestItems(Map.of(
                table, KeysAndAttributes.builder().keys(Map.of("pk", s("g1")), Map.of("pk", s("missing"))).build(),
                other, KeysAndAttributes.builder().keys(Map.of("id", n(7))).build())));
        assertThat(out.responses().get(table)).containsExactly(item("pk", s("g1"), "v", n(1)));
        assertThat(out.responses().get(other)).isEmpty();
        assertThat(out.unprocessedKeys()).isEmpty();
    }

    @Test
    void batchGet_shouldProjectWithoutAddingKeys_whenProjectionGiven() {
        var out = db.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(Map.of("pk", s("g2"))).projectionExpression("v").build())));
        assertThat(out.responses().get(table)).containsExactly(item("v", n(2)));
    }

    @Test
    void batchGet_shouldAccept100KeysAndReject101() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) keys.add(Map.of("pk", s("g" + i)));
        assertThat(db.batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).build())))
                .responses().get(table)).hasSize(100);
        keys.add(Map.of("pk", s("g100")));
        var e = failure("ValidationException", () -> db.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(keys).build()))));
        assertThat(message(e)).contains("less than or equal to 100");
    }

    @Test
    void batchGet_shouldRejectDuplicateKeys() {
        var e = failure("ValidationException", () -> db.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(Map.of("pk", s("g1")), Map.of("pk", s("g1"))).build()))));
        assertThat(message(e)).isEqualTo("Provided list of item keys contains duplicates");
    }
}

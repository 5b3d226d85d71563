package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TransactGetItemsConformanceTest extends ConformanceTest {

    private String a;
    private String b;

    @BeforeAll
    void createTables() {
        a = table("pk", ScalarAttributeType.S, null, null);
        b = table("id", ScalarAttributeType.N, null, null);
        db.putItem(r -> r.tableName(a).item(item("pk", s("x"), "v", n(1))));
        db.putItem(r -> r.tableName(b).item(item("id", n(9), "w", s("y"))));
    }

    private static TransactGetItem get(String table, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key) {
        return TransactGetItem.builder().get(Get.builder().tableName(table).key(key).build()).build();
    }

    @Test
    void transactGet_shouldReturnOneResponsePerGetInOrder_whenAcrossTables() {
        var out = db.transactGetItems(r -> r.transactItems(get(b, Map.of("id", n(9))), get(a, Map.of("pk", s("missing"))),
                get(a, Map.of("pk", s("x")))));
        assertThat(out.responses()).hasSize(3);
        assertThat(out.responses().get(0).item()).isEqualTo(item("id", n(9), "w", s("y")));
        assertThat(out.responses().get(1).hasItem()).isFalse();
        assertThat(out.responses().get(2).item()).isEqualTo(item("pk", s("x"), "v", n(1)));
    }

    @Test
    void transactGet_shouldRejectSameItemTwice() {
        failure("ValidationException", () -> db.transactGetItems(r -> r.transactItems(get(a, Map.of("pk", s("x"))),
                get(a, Map.of("pk", s("x"))))));
    }

    @Test
    void transactGet_shouldFailWithResourceNotFound_whenTableMissing() {
        var e = failure("ResourceNotFoundException", () -> db.transactGetItems(r -> r.transactItems(
                get("mc_missing_table_tg", Map.of("pk", s("x"))))));
        assertThat(message(e)).isEqualTo("Requested resource not found");
    }
}

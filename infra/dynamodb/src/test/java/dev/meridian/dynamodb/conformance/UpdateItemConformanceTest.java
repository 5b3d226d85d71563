package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UpdateItemConformanceTest extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = table("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
    }

    private Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key(String pk) {
        return item("pk", s(pk), "sk", s("k"));
    }

    @Test
    void updateItem_shouldCreateItem_whenItDoesNotExist() {
        var out = db.updateItem(r -> r.tableName(table).key(key("u1")).updateExpression("SET a = :a ADD c :one")
                .expressionAttributeValues(Map.of(":a", s("x"), ":one", n(1))).returnValues(ReturnValue.ALL_NEW));
        assertThat(out.attributes()).isEqualTo(item("pk", s("u1"), "sk", s("k"), "a", s("x"), "c", n(1)));
    }

    @Test
    void updateItem_shouldReturnOnlyChangedAttributes_whenUpdatedOldAndNew() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("u2"), "sk", s("k"), "a", n(1), "b", s("keep"))));
        var old = db.updateItem(r -> r.tableName(table).key(key("u2")).updateExpression("SET a = a + :d")
                .expressionAttributeValues(Map.of(":d", n(5))).returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.attributes()).isEqualTo(item("a", n(1)));
        var neu = db.updateItem(r -> r.tableName(table).key(key("u2")).updateExpression("SET a = a + :d")
                .expressionAttributeValues(Map.of(":d", n(5))).returnValues(ReturnValue.UPDATED_NEW));
        assertThat(neu.attributes()).isEqualTo(item("a", n(11)));
    }

    @Test
    void updateItem_shouldReturnWholeOldItem_whenAllOld() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("u3"), "sk", s("k"), "a", n(1))));
        var out = db.updateItem(r -> r.tableName(table).key(key("u3")).updateExpression("REMOVE a")
                .returnValues(ReturnValue.ALL_OLD));
        assertThat(out.attributes()).isEqualTo(item("pk", s("u3"), "sk", s("k"), "a", n(1)));
        assertThat(db.getItem(r -> r.tableName(table).key(key("u3"))).item()).doesNotContainKey("a");
    }

    @Test
    void updateItem_shouldNotCreateGhostItem_whenConditionFailsOnMissingItem() {
        var e = catchThrowableOfType(ConditionalCheckFailedException.class, () -> db.updateItem(r -> r.tableName(table)
                .key(key("u4")).updateExpression("SET a = :a").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":a", n(1)))));
        assertThat(e).isNotNull();
        assertThat(db.getItem(r -> r.tableName(table).key(key("u4"))).hasItem()).isFalse();
    }

    @Test
    void updateItem_shouldRejectKeyAttributeUpdate() {
        var e = failure("ValidationException", () -> db.updateItem(r -> r.tableName(table).key(key("u5"))
                .updateExpression("SET sk = :v").expressionAttributeValues(Map.of(":v", s("other")))));
        assertThat(message(e)).isEqualTo("One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key");
    }

    @Test
    void updateItem_shouldRejectKey_whenSortKeyMissing() {
        var e = failure("ValidationException", () -> db.updateItem(r -> r.tableName(table).key(Map.of("pk", s("u6")))
                .updateExpression("SET a = :v").expressionAttributeValues(Map.of(":v", s("x")))));
        assertThat(message(e)).isEqualTo("The provided key element does not match the schema");
    }

    @Test
    void updateItem_shouldRejectGrowth_whenItemWouldExceed400Kb() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("u7"), "sk", s("k"), "a", s("x".repeat(300_000)))));
        var e = failure("ValidationException", () -> db.updateItem(r -> r.tableName(table).key(key("u7"))
                .updateExpression("SET b = :v").expressionAttributeValues(Map.of(":v", s("y".repeat(150_000))))));
        assertThat(message(e)).contains("Item size to update has exceeded the maximum allowed size");
        assertThat(db.getItem(r -> r.tableName(table).key(key("u7"))).item()).doesNotContainKey("b");
    }
}

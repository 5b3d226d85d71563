package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeleteItemConformanceTest extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = table("id", ScalarAttributeType.N, null, null);
    }

    @Test
    void deleteItem_shouldReturnOldItem_whenAllOld() {
        db.putItem(r -> r.tableName(table).item(item("id", n(1), "v", s("a"))));
        var out = db.deleteItem(r -> r.tableName(table).key(Map.of("id", n(1))).returnValues(ReturnValue.ALL_OLD));
        assertThat(out.attributes()).isEqualTo(item("id", n(1), "v", s("a")));
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("id", n(1)))).hasItem()).isFalse();
    }

    @Test
    void deleteItem_shouldSucceedWithoutAttributes_whenItemMissing() {
        var out = db.deleteItem(r -> r.tableName(table).key(Map.of("id", n(2))).returnValues(ReturnValue.ALL_OLD));
        assertThat(out.hasAttributes()).isFalse();
    }

    @Test
    void deleteItem_shouldKeepItem_whenConditionFails() {
        db.putItem(r -> r.tableName(table).item(item("id", n(3), "state", s("LOCKED"))));
        var e = catchThrowableOfType(ConditionalCheckFailedException.class, () -> db.deleteItem(r -> r.tableName(table)
                .key(Map.of("id", n(3))).conditionExpression("#s = :open")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":open", s("OPEN")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(e).isNotNull();
        assertThat(e.item()).isEqualTo(item("id", n(3), "state", s("LOCKED")));
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("id", n(3)))).hasItem()).isTrue();
    }

    @Test
    void deleteItem_shouldRejectReturnValues_whenAllNew() {
        failure("ValidationException", () -> db.deleteItem(r -> r.tableName(table).key(Map.of("id", n(4)))
                .returnValues(ReturnValue.ALL_NEW)));
    }

    @Test
    void deleteItem_shouldReportUnusedValue_whenNoExpressionUsesIt() {
        var e = failure("ValidationException", () -> db.deleteItem(r -> r.tableName(table).key(Map.of("id", n(5)))
                .expressionAttributeValues(Map.of(":x", n(1)))));
        assertThat(message(e)).isEqualTo("ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
    }
}

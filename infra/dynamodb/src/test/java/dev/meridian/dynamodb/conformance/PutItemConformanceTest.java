package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PutItemConformanceTest extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = table("pk", ScalarAttributeType.S, null, null);
    }

    @Test
    void putItem_shouldStoreItem_whenGetItemReadsIt() {
        // given
        var item = item("pk", s("a1"), "n", n("0042.50"), "flag", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(true));
        // when
        db.putItem(r -> r.tableName(table).item(item));
        // then
        var got = db.getItem(r -> r.tableName(table).key(Map.of("pk", s("a1")))).item();
        assertThat(got).containsEntry("pk", s("a1")).containsEntry("n", n("42.5")).hasSize(3);
    }

    @Test
    void putItem_shouldReturnOldItem_whenReturnValuesAllOld() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("a2"), "v", n(1))));
        var out = db.putItem(r -> r.tableName(table).item(item("pk", s("a2"), "v", n(2))).returnValues(ReturnValue.ALL_OLD));
        assertThat(out.attributes()).isEqualTo(item("pk", s("a2"), "v", n(1)));
    }

    @Test
    void putItem_shouldReturnNoAttributes_whenAllOldAndItemIsNew() {
        var out = db.putItem(r -> r.tableName(table).item(item("pk", s("a3"))).returnValues(ReturnValue.ALL_OLD));
        assertThat(out.hasAttributes()).isFalse();
    }

    @Test
    void putItem_shouldFailAndKeepItem_whenConditionFails() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("a4"), "v", n(1))));
        var e = catchThrowableOfType(ConditionalCheckFailedException.class, () -> db.putItem(r -> r.tableName(table)
                .item(item("pk", s("a4"), "v", n(2))).conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(e).isNotNull();
        assertThat(message(e)).isEqualTo("The conditional request failed");
        assertThat(e.item()).isEqualTo(item("pk", s("a4"), "v", n(1)));
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", s("a4")))).item()).containsEntry("v", n(1));
    }

    @Test
    void putItem_shouldReportCapacity_whenTotalRequested() {
        var out = db.putItem(r -> r.tableName(table).item(item("pk", s("a5"), "x", s("y".repeat(3000))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(out.consumedCapacity().tableName()).isEqualTo(table);
        assertThat(out.consumedCapacity().capacityUnits()).isEqualTo(3.0);
    }

    @Test
    void putItem_shouldRejectTypeMismatch_whenKeyHasWrongType() {
        var e = failure("ValidationException", () -> db.putItem(r -> r.tableName(table).item(item("pk", n(1)))));
        assertThat(message(e)).isEqualTo("One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
    }

    @Test
    void putItem_shouldRejectMissingKey_whenItemLacksPartitionKey() {
        var e = failure("ValidationException", () -> db.putItem(r -> r.tableName(table).item(item("other", s("x")))));
        assertThat(message(e)).contains("Missing the key pk");
    }

    @Test
    void putItem_shouldRejectEmptyKey_whenPartitionKeyIsEmptyString() {
        failure("ValidationException", () -> db.putItem(r -> r.tableName(table).item(item("pk", s("")))));
    }

    @Test
    void putItem_shouldRejectItem_whenOver400Kb() {
        var e = failure("ValidationException", () -> db.putItem(r -> r.tableName(table)
                .item(item("pk", s("big"), "x", s("x".repeat(410_000))))));
        assertThat(message(e)).contains("Item size has exceeded the maximum allowed size");
        assertThat(db.getItem(r -> r.tableName(table).key(Map.of("pk", s("big")))).hasItem()).isFalse();
    }

    @Test
    void putItem_shouldFailWithResourceNotFound_whenTableMissing() {
        var e = failure("ResourceNotFoundException", () -> db.putItem(r -> r.tableName("mc_no_such_table").item(item("pk", s("x")))));
        assertThat(message(e)).isEqualTo("Requested resource not found");
    }
}

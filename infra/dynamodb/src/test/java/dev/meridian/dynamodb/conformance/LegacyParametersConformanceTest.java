package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The pre-expression parameters, translated into expressions; mixing them with expressions is refused. */
class LegacyParametersConformanceTest extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = table("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        for (int i = 1; i <= 5; i++) {
            int k = i;
            db.putItem(r -> r.tableName(table).item(item("pk", s("legacy"), "sk", n(k), "v", s("v" + k), "w", n(k * 10))));
        }
    }

    @Test
    void expected_shouldGuardPut_whenExistsFalse() {
        var e = catchThrowableOfType(ConditionalCheckFailedException.class, () -> db.putItem(r -> r.tableName(table)
                .item(item("pk", s("legacy"), "sk", n(1))).expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));
        assertThat(e).isNotNull();
        assertThat(db.getItem(r -> r.tableName(table).key(item("pk", s("legacy"), "sk", n(1)))).item()).containsKey("v");
    }

    @Test
    void keyConditionsAndAttributesToGet_shouldQueryAndProjectWithoutKeys() {
        var r = db.query(q -> q.tableName(table).keyConditions(Map.of(
                        "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("legacy")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.GT).attributeValueList(n(3)).build()))
                .attributesToGet("v"));
        assertThat(r.items()).containsExactly(item("v", s("v4")), item("v", s("v5")));
    }

    @Test
    void scanFilter_shouldFilterAfterReading() {
        var r = db.scan(q -> q.tableName(table).scanFilter(Map.of("w",
                Condition.builder().comparisonOperator(ComparisonOperator.GE).attributeValueList(n(40)).build())));
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.scannedCount()).isEqualTo(5);
    }

    @Test
    void attributeUpdates_shouldAddToNumber() {
        db.updateItem(r -> r.tableName(table).key(item("pk", s("legacy"), "sk", n(2)))
                .attributeUpdates(Map.of("w", AttributeValueUpdate.builder().action(AttributeAction.ADD).value(n(5)).build())));
        assertThat(db.getItem(r -> r.tableName(table).key(item("pk", s("legacy"), "sk", n(2)))).item()).containsEntry("w", n(25));
    }

    @Test
    void legacyMixedWithExpression_shouldBeRefused() {
        var e = failure("ValidationException", () -> db.putItem(r -> r.tableName(table).item(item("pk", s("mix"), "sk", n(1)))
                .conditionExpression("attribute_not_exists(pk)")
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));
        assertThat(message(e)).isEqualTo("Can not use both expression and non-expression parameters in the same request: "
                + "Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}");
    }
}

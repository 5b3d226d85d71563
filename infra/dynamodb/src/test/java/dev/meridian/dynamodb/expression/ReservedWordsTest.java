package dev.meridian.dynamodb.expression;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ReservedWordsTest {

    @Test
    void list_shouldHoldDynamoDbsFullListOfReservedWords() {
        assertThat(ReservedWords.count()).isEqualTo(573);
        for (String w : new String[] {"ABORT", "status", "Name", "data", "count", "size", "ttl", "timestamp", "zone", "value", "values", "key", "type", "year"}) {
            assertThat(ReservedWords.isReserved(w)).as(w).isTrue();
        }
        for (String w : new String[] {"pk", "sk", "orderId", "qty", "price", "version", "attribute_exists", "contains", "begins_with", "sizes"}) {
            assertThat(ReservedWords.isReserved(w)).as(w).isFalse();
        }
    }

    @Test
    void eachKindOfExpression_shouldNameItselfInTheReservedWordError() {
        String msg = "Attribute name is a reserved keyword; reserved keyword: ";
        assertThat(catchThrowable(() -> Expressions.condition("ConditionExpression", "attribute_exists(year)", ExpressionAttributes.none())))
                .hasMessage("Invalid ConditionExpression: " + msg + "year");
        assertThat(catchThrowable(() -> Expressions.condition("FilterExpression", "attribute_exists(Year)", ExpressionAttributes.none())))
                .hasMessage("Invalid FilterExpression: " + msg + "Year");
        assertThat(catchThrowable(() -> Expressions.keyCondition("key = :v", Av.attrs(":v", Av.s("x")))))
                .hasMessage("Invalid KeyConditionExpression: " + msg + "key");
        assertThat(catchThrowable(() -> Expressions.update("REMOVE timestamp", ExpressionAttributes.none())))
                .hasMessage("Invalid UpdateExpression: " + msg + "timestamp");
        assertThat(catchThrowable(() -> Expressions.projection("pk, value", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: " + msg + "value");
    }
}

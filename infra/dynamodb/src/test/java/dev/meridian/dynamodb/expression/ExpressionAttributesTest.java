package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionAttributesTest {

    @Test
    void emptyMapsGivenExplicitly_shouldBeRejected_byFromRequest() {
        assertThatThrownBy(() -> ExpressionAttributes.fromRequest(Map.of(), null))
                .isInstanceOf(DynamoDbException.class).hasMessage("ExpressionAttributeNames must not be empty");
        assertThatThrownBy(() -> ExpressionAttributes.fromRequest(null, Map.of()))
                .isInstanceOf(DynamoDbException.class).hasMessage("ExpressionAttributeValues must not be empty");
        assertThatCode(() -> ExpressionAttributes.fromRequest(null, null)).doesNotThrowAnyException();
        assertThatCode(() -> new ExpressionAttributes(Map.of(), Map.of()).requireAllUsed()).as("the constructor: empty is none given")
                .doesNotThrowAnyException();
    }

    @Test
    void badPlaceholderKeys_shouldBeRejected() {
        assertThatThrownBy(() -> new ExpressionAttributes(null, Map.of("x", n(1))))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \"x\"");
        assertThatThrownBy(() -> new ExpressionAttributes(null, Map.of(":a-b", n(1))))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"");
        assertThatThrownBy(() -> new ExpressionAttributes(null, Map.of(":", n(1))))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \":\"");
        assertThatThrownBy(() -> new ExpressionAttributes(Map.of("n", "a"), null))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"");
        assertThatThrownBy(() -> new ExpressionAttributes(Map.of("#n", ""), null))
                .hasMessage("ExpressionAttributeNames contains invalid value: Empty attribute name; key: #n");
    }

    @Test
    void resolving_shouldReturnTheMapping_orNameTheMissingPlaceholder() {
        ExpressionAttributes a = Av.attrs("#n", "name", ":v", s("x"));
        assertThat(a.name("#n")).isEqualTo("name");
        assertThat(a.value(":v")).isEqualTo(s("x"));
        assertThatThrownBy(() -> a.name("#m"))
                .hasMessage("An expression attribute name used in the document path is not defined; attribute name: #m");
        assertThatThrownBy(() -> a.value(":w"))
                .hasMessage("An expression attribute value used in expression is not defined; attribute value: :w");
    }

    @Test
    void requireAllUsed_shouldNameEveryUnusedPlaceholder_acrossAllExpressionsOfTheRequest() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#a", "a");
        names.put("#b", "b");
        names.put("#c", "c");
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":x", n(1));
        values.put(":y", n(2));
        ExpressionAttributes attrs = new ExpressionAttributes(names, values);
        Expressions.condition("ConditionExpression", "#a = :x", attrs);
        assertThatThrownBy(attrs::requireAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b, #c}");
        Expressions.update("SET #b = :y", attrs);
        assertThatThrownBy(attrs::requireAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#c}");
        Expressions.projection("#c", attrs);
        assertThatCode(attrs::requireAllUsed).doesNotThrowAnyException();
    }

    @Test
    void requireAllUsed_shouldNameUnusedValues() {
        ExpressionAttributes attrs = Av.attrs(":v", s("val"), ":unused", s("extra"));
        Expressions.update("SET attr1 = :v", attrs);
        assertThatThrownBy(attrs::requireAllUsed)
                .isInstanceOf(DynamoDbException.class)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    }

    @Test
    void keyConditionAndFilter_shouldShareOneSetOfAttributes() {
        ExpressionAttributes attrs = Av.attrs("#pk", "pk", ":pk", s("p"), ":min", n(3));
        Expressions.keyCondition("#pk = :pk", attrs);
        Expressions.condition("FilterExpression", "qty > :min", attrs);
        assertThatCode(attrs::requireAllUsed).doesNotThrowAnyException();
    }
}

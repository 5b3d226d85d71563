package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegacyTest {

    private static final Map<String, AttributeValue> ITEM = item("pk", s("k"), "data", s("hello"), "n", n(5), "tags", ss("a", "b"));

    private static Legacy.Entry op(String attr, String operator, AttributeValue... values) {
        return Legacy.Entry.of(attr, operator, List.of(values));
    }

    private static boolean filter(Legacy.Entry e) {
        return Legacy.filter(List.of(e), null).test(ITEM);
    }

    @Test
    void expected_existsAndValue_shouldMeanEqualityOrAbsence() {
        assertThat(Legacy.expected(List.of(new Legacy.Entry("pk", null, false, null, null)), null).test(ITEM)).isFalse();
        assertThat(Legacy.expected(List.of(new Legacy.Entry("pk", null, false, null, null)), null).test(null)).isTrue();
        assertThat(Legacy.expected(List.of(new Legacy.Entry("data", s("hello"), true, null, null)), null).test(ITEM)).isTrue();
        assertThat(Legacy.expected(List.of(new Legacy.Entry("data", s("bye"), null, null, null)), null).test(ITEM)).isFalse();
        assertThat(Legacy.expected(List.of(new Legacy.Entry("n", s("x"), null, "LT", null)), null).test(ITEM))
                .as("Value with a ComparisonOperator: one-element list; types differ").isFalse();
        assertThat(Legacy.expected(List.of(new Legacy.Entry("n", n(6), null, "LT", null)), null).test(ITEM)).isTrue();
    }

    @Test
    void expected_shouldRejectContradictoryEntries() {
        assertThatThrownBy(() -> Legacy.expected(List.of(new Legacy.Entry("a", s("x"), false, null, null)), null))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a");
        assertThatThrownBy(() -> Legacy.expected(List.of(new Legacy.Entry("a", null, true, null, null)), null))
                .hasMessage("One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a");
        assertThatThrownBy(() -> Legacy.expected(List.of(new Legacy.Entry("a", null, true, "EQ", List.of(s("x")))), null))
                .hasMessage("One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a");
        assertThatThrownBy(() -> Legacy.expected(List.of(new Legacy.Entry("a", s("x"), null, "EQ", List.of(s("x")))), null))
                .hasMessage("One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: a");
    }

    @Test
    void comparisonOperators_shouldMatchTheirExpressionCounterparts() {
        assertThat(filter(op("n", "EQ", n(5)))).isTrue();
        assertThat(filter(op("n", "NE", n(5)))).isFalse();
        assertThat(filter(op("nope", "NE", n(5)))).isTrue();
        assertThat(filter(op("n", "LE", n(5)))).isTrue();
        assertThat(filter(op("n", "LT", n(5)))).isFalse();
        assertThat(filter(op("n", "GE", n(6)))).isFalse();
        assertThat(filter(op("n", "GT", n(4)))).isTrue();
        assertThat(filter(op("n", "NOT_NULL"))).isTrue();
        assertThat(filter(op("n", "NULL"))).isFalse();
        assertThat(filter(op("nope", "NULL"))).isTrue();
        assertThat(filter(op("data", "CONTAINS", s("ell")))).isTrue();
        assertThat(filter(op("tags", "CONTAINS", s("a")))).isTrue();
        assertThat(filter(op("tags", "NOT_CONTAINS", s("a")))).isFalse();
        assertThat(filter(op("data", "BEGINS_WITH", s("he")))).isTrue();
        assertThat(filter(op("n", "IN", n(1), n(5)))).isTrue();
        assertThat(filter(op("n", "BETWEEN", n(1), n(5)))).isTrue();
        assertThat(filter(op("n", "BETWEEN", n(6), n(9)))).isFalse();
    }

    @Test
    void conditionalOperator_shouldJoinEntriesWithAndOrOr() {
        List<Legacy.Entry> entries = List.of(op("n", "EQ", n(5)), op("data", "EQ", s("nope")));
        assertThat(Legacy.filter(entries, null).test(ITEM)).isFalse();
        assertThat(Legacy.filter(entries, "AND").test(ITEM)).isFalse();
        assertThat(Legacy.filter(entries, "OR").test(ITEM)).isTrue();
        assertThatThrownBy(() -> Legacy.filter(entries, "XOR")).hasMessageContaining("Member must satisfy enum value set: [OR, AND]");
    }

    @Test
    void comparisons_shouldCheckTheirValueCountsAndTypes() {
        assertThatThrownBy(() -> filter(op("n", "EQ")))
                .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
        assertThatThrownBy(() -> filter(op("n", "NULL", n(1))))
                .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator");
        assertThatThrownBy(() -> filter(op("n", "BETWEEN", n(1))))
                .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator");
        assertThatThrownBy(() -> filter(op("n", "IN")))
                .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the IN ComparisonOperator");
        assertThatThrownBy(() -> filter(op("n", "LT", ss("a"))))
                .hasMessage("One or more parameter values were invalid: ComparisonOperator LT is not valid for SS AttributeValue type");
        assertThatThrownBy(() -> filter(op("n", "BEGINS_WITH", n(1))))
                .hasMessage("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
        assertThatThrownBy(() -> filter(op("n", "BETWEEN", n(9), n(1))))
                .hasMessageContaining("lower bound is greater than the upper bound");
        assertThatThrownBy(() -> filter(op("n", "BETWEEN", n(1), s("9"))))
                .hasMessage("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
        assertThatThrownBy(() -> filter(op("n", "LIKE", s("x")))).hasMessageContaining("Member must satisfy enum value set");
    }

    @Test
    void keyConditions_shouldGiveTermsForIndexableOperatorsOnly() {
        KeyCondition kc = Legacy.keyConditions(List.of(op("pk", "EQ", s("k")), op("sk", "BETWEEN", n(1), n(3))));
        assertThat(kc.terms()).containsExactly(
                new KeyCondition.Term("pk", KeyCondition.Op.EQ, List.of(s("k"))),
                new KeyCondition.Term("sk", KeyCondition.Op.BETWEEN, List.of(n(1), n(3))));
        assertThat(Legacy.keyConditions(List.of(op("sk", "BEGINS_WITH", s("a")))).terms().get(0).op()).isEqualTo(KeyCondition.Op.BEGINS_WITH);
        assertThatThrownBy(() -> Legacy.keyConditions(List.of(op("pk", "NE", s("k")))))
                .hasMessage("Attempted conditional constraint is not an indexable operation");
        assertThatThrownBy(() -> Legacy.keyConditions(List.of(op("a", "EQ", s("k")), op("b", "EQ", s("k")), op("c", "EQ", s("k")))))
                .hasMessage("Conditions can be of length 1 or 2 only");
    }

    @Test
    void attributesToGet_shouldProjectTopLevelNames_withoutAddingKeys() {
        assertThat(Legacy.attributesToGet(List.of("data", "nope")).apply(ITEM)).isEqualTo(item("data", s("hello")));
        assertThat(Legacy.attributesToGet(List.of("a.b")).apply(item("a.b", n(1), "a", m("b", n(2))))).as("names are not paths")
                .isEqualTo(item("a.b", n(1)));
        assertThatThrownBy(() -> Legacy.attributesToGet(List.of("a", "a")))
                .hasMessage("One or more parameter values were invalid: Duplicate value in attribute name: a");
    }

    @Test
    void attributeUpdates_shouldPutAddAndDelete() {
        Update u = Legacy.attributeUpdates(List.of(
                new Legacy.AttributeUpdate("data", "PUT", s("new")),
                new Legacy.AttributeUpdate("n", "ADD", n(10)),
                new Legacy.AttributeUpdate("tags", "DELETE", ss("a")),
                new Legacy.AttributeUpdate("pk2", null, s("x"))));
        assertThat(u.apply(ITEM)).isEqualTo(item("pk", s("k"), "data", s("new"), "n", n(15), "tags", ss("b"), "pk2", s("x")));
        assertThat(Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("data", "DELETE", null))).apply(ITEM)).doesNotContainKey("data");
        assertThat(Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("c", "ADD", ns("1")))).apply(Map.of())).isEqualTo(item("c", ns("1")));
        assertThat(u.topLevelAttributes()).containsExactlyInAnyOrder("data", "n", "tags", "pk2");
        Update append = Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("l", "ADD", l(n(2)))));
        assertThat(append.apply(item("l", l(n(1))))).isEqualTo(item("l", l(n(1), n(2))));
        assertThat(append.apply(Map.of())).as("ADD of a list to nothing").isEqualTo(item("l", l(n(2))));
    }

    @Test
    void attributeUpdates_shouldRejectActionsTheValueCannotTake() {
        assertThatThrownBy(() -> Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("a", "PUT", null))))
                .hasMessage("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified");
        assertThatThrownBy(() -> Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("a", "ADD", s("x")))))
                .hasMessage("One or more parameter values were invalid: ADD action is not supported for the type S");
        assertThatThrownBy(() -> Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("a", "DELETE", n(1)))))
                .hasMessage("One or more parameter values were invalid: DELETE action with value is not supported for the type N");
        assertThatThrownBy(() -> Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("a", "MERGE", n(1)))))
                .hasMessageContaining("Member must satisfy enum value set: [ADD, PUT, DELETE]");
        Update add = Legacy.attributeUpdates(List.of(new Legacy.AttributeUpdate("data", "ADD", n(1))));
        assertThatThrownBy(() -> add.apply(ITEM)).isInstanceOf(DynamoDbException.class).hasMessage("Type mismatch for attribute to update");
    }
}

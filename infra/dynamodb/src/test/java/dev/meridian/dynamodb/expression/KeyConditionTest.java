package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyConditionTest {

    private static KeyCondition parse(String expr, Object... attrs) {
        return Expressions.keyCondition(expr, Av.attrs(attrs));
    }

    private static void assertRejected(String expr, String message, Object... attrs) {
        assertThatThrownBy(() -> parse(expr, attrs))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage(message);
    }

    @Test
    void partitionKeyAlone_shouldGiveOneEqualityTerm() {
        KeyCondition kc = parse("pk = :v", ":v", s("a"));
        assertThat(kc.terms()).containsExactly(new KeyCondition.Term("pk", KeyCondition.Op.EQ, List.of(s("a"))));
    }

    @Test
    void sortKeyConditions_shouldGiveTheirOperator() {
        Object[] a = {":p", s("p"), ":v", n(1), ":w", n(9), "#s", "sk"};
        assertThat(parse("pk = :p AND #s < :v", a).terms().get(1)).isEqualTo(new KeyCondition.Term("sk", KeyCondition.Op.LT, List.of(n(1))));
        assertThat(parse("pk = :p AND #s <= :v", a).terms().get(1).op()).isEqualTo(KeyCondition.Op.LE);
        assertThat(parse("pk = :p AND #s > :v", a).terms().get(1).op()).isEqualTo(KeyCondition.Op.GT);
        assertThat(parse("pk = :p AND #s >= :v", a).terms().get(1).op()).isEqualTo(KeyCondition.Op.GE);
        assertThat(parse("pk = :p AND #s = :v", a).terms().get(1).op()).isEqualTo(KeyCondition.Op.EQ);
        assertThat(parse("pk = :p AND #s BETWEEN :v AND :w", a).terms().get(1))
                .isEqualTo(new KeyCondition.Term("sk", KeyCondition.Op.BETWEEN, List.of(n(1), n(9))));
        assertThat(parse("begins_with(#s, :p) AND pk = :v", ":p", s("p"), ":v", n(1), "#s", "sk").terms())
                .containsExactly(new KeyCondition.Term("sk", KeyCondition.Op.BEGINS_WITH, List.of(s("p"))),
                        new KeyCondition.Term("pk", KeyCondition.Op.EQ, List.of(n(1))));
        assertThat(parse(":v < #s AND pk = :p", a).terms().get(0)).as("a value on the left flips the operator")
                .isEqualTo(new KeyCondition.Term("sk", KeyCondition.Op.GT, List.of(n(1))));
    }

    @Test
    void parentheses_shouldBeAccepted() {
        Object[] a = {":p", s("p"), ":s", s("s"), "#pk", "pk", "#sk", "sk"};
        assertThat(parse("(#pk = :p) AND (#sk = :s)", a).terms()).hasSize(2);
        assertThat(parse("(#pk = :p AND #sk = :s)", a).terms()).hasSize(2);
        assertThat(parse("(#pk = :p AND (#sk = :s))", a).terms()).hasSize(2);
    }

    @Test
    void operatorsAKeyConditionCannotUse_shouldBeRejectedByName() {
        Object[] a = {":p", s("p"), ":s", s("s")};
        assertRejected("pk = :p OR sk = :s", "Invalid operator used in KeyConditionExpression: OR", a);
        assertRejected("pk = :p AND NOT sk = :s", "Invalid operator used in KeyConditionExpression: NOT", a);
        assertRejected("pk = :p AND sk IN (:s)", "Invalid operator used in KeyConditionExpression: IN", a);
        assertRejected("pk = :p AND sk <> :s", "Invalid operator used in KeyConditionExpression: <>", a);
        assertRejected("pk = :p AND attribute_exists(sk)", "Invalid operator used in KeyConditionExpression: attribute_exists", ":p", s("p"));
        assertRejected("pk = :p AND contains(sk, :s)", "Invalid operator used in KeyConditionExpression: contains", a);
        assertRejected("pk = :p AND size(sk) = :s", "KeyConditionExpressions cannot contain nested operations", a);
    }

    @Test
    void termsThatNameNoSingleTopLevelKey_shouldBeRejected() {
        Object[] a = {":p", s("p"), ":s", s("s")};
        assertRejected("pk = :p AND sk = pk", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition", a);
        assertRejected(":p = :s", "Invalid condition in KeyConditionExpression: No key attribute specified", a);
        assertRejected("pk.x = :p", "KeyConditionExpressions cannot have conditions on nested attributes", a);
        assertRejected("pk = :p AND :s BETWEEN sk AND :s", "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key"
                + " attribute as its first operand", a);
        assertRejected("pk = :p AND begins_with(:s, sk)", "Invalid condition in KeyConditionExpression: begins_with operator must have the"
                + " key attribute as its first operand", a);
        assertThat(parse("a = :p AND b = :s AND c = :s", a).terms()).as("matching the terms to the key schema is the caller's").hasSize(3);
    }

    @Test
    void twoConditionsOnOneKey_shouldBeRejected() {
        assertRejected("pk = :p AND pk = :s", "KeyConditionExpressions must only contain one condition per key", ":p", s("p"), ":s", s("s"));
    }

    @Test
    void syntaxAndPlaceholderErrors_shouldNameTheKeyConditionExpression() {
        assertRejected("", "Invalid KeyConditionExpression: The expression can not be empty;");
        assertRejected("pk = :p AND", "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"", ":p", s("p"));
        assertRejected("pk = :nope", "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope", ":p", s("p"));
    }
}

package dev.meridian.dynamodb.expression;

import org.junit.jupiter.api.Test;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class UpdateErrorsTest {

    private static void assertMessage(String expr, String message, Object... attrs) {
        Throwable t = catchThrowable(() -> Expressions.update(expr, Av.attrs(attrs)));
        assertThat(t).as("expected %s to be rejected", expr).isInstanceOf(ExpressionException.class).hasMessage(message);
    }

    @Test
    void emptyAndSyntaxErrors_shouldBeReportedAsDynamoDbDoes() {
        assertMessage("", "Invalid UpdateExpression: The expression can not be empty;");
        assertMessage("INVALID SYNTAX HERE", "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
        assertMessage("SET", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
        assertMessage("SET a", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
        assertMessage("SET a = :v,", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"", ":v", n(1));
        assertMessage("SET a = :v + :v + :v", "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":v + :v\"", ":v", n(1));
        assertMessage("SET a :v", "Invalid UpdateExpression: Syntax error; token: \":v\", near: \"a :v\"", ":v", n(1));
        assertMessage("REMOVE :v", "Invalid UpdateExpression: Syntax error; token: \":v\", near: \"REMOVE :v\"", ":v", n(1));
        assertMessage("ADD a b", "Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"");
        assertMessage("ADD a", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
        assertMessage("REMOVE a SET", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
        assertMessage("REMOVE a, SET b = :v", "Invalid UpdateExpression: Syntax error; token: \"SET\", near: \", SET b\"", ":v", n(1));
        assertMessage("SET a = :v WHERE", "Invalid UpdateExpression: Syntax error; token: \"WHERE\", near: \":v WHERE\"", ":v", n(1));
    }

    @Test
    void moreThan300OperatorsAndFunctions_shouldBeRejected() {
        // one addition per action: 300 fit, 301 do not
        assertThat(Expressions.update(additions(300), Av.attrs(":v", n(1))).apply(item())).hasSize(300).containsEntry("b299", n(2));
        assertMessage(additions(301), "Invalid UpdateExpression: The expression contains too many operators; operator count: 301", ":v", n(1));
    }

    private static String additions(int count) {
        StringBuilder sb = new StringBuilder("SET ");
        for (int i = 0; i < count; i++) sb.append(i == 0 ? "" : ",").append("b").append(i).append("=:v+:v");
        assertThat(sb.length()).isLessThanOrEqualTo(4096);
        return sb.toString();
    }

    @Test
    void aClauseUsedTwice_shouldBeRejected() {
        assertMessage("SET a = :v SET b = :v", "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;", ":v", n(1));
        assertMessage("REMOVE a ADD n :v remove b", "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an update expression;", ":v", n(1));
        assertMessage("ADD a :v ADD b :v", "Invalid UpdateExpression: The \"ADD\" section can only be used once in an update expression;", ":v", n(1));
        assertMessage("DELETE a :v DELETE b :v", "Invalid UpdateExpression: The \"DELETE\" section can only be used once in an update expression;", ":v", ss("x"));
    }

    @Test
    void overlappingPaths_shouldBeRejected_acrossAndWithinClauses() {
        assertMessage("SET a = :v, a = :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one"
                + " of these paths; path one: [a], path two: [a]", ":v", n(1));
        assertMessage("SET a.b = :v REMOVE a", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one"
                + " of these paths; path one: [a, b], path two: [a]", ":v", n(1));
        assertMessage("REMOVE l[1] SET l[1].x = :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite"
                + " one of these paths; path one: [l, [1]], path two: [l, [1], x]", ":v", n(1));
        assertMessage("SET #a = :v ADD a :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one"
                + " of these paths; path one: [a], path two: [a]", "#a", "a", ":v", n(1));
    }

    @Test
    void conflictingPaths_shouldBeRejected() {
        assertMessage("SET a[1] = :v, a.b = :v", "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite"
                + " one of these paths; path one: [a, [1]], path two: [a, b]", ":v", n(1));
    }

    @Test
    void disjointPaths_shouldBeAccepted() {
        assertThat(Expressions.update("SET a.b = :v, a.c = :v, l[0] = :v, l[1] = :v REMOVE ab", Av.attrs(":v", n(1)))).isNotNull();
    }

    @Test
    void functions_shouldBeLimitedToWhatAnUpdateMayUse() {
        assertMessage("SET a = size(b)", "Invalid UpdateExpression: Invalid function name; function: size");
        assertMessage("SET a = attribute_exists(b)", "Invalid UpdateExpression: Invalid function name; function: attribute_exists");
        assertMessage("SET a = foo(b)", "Invalid UpdateExpression: Invalid function name; function: foo");
        assertMessage("SET a = if_not_exists(b)", "Invalid UpdateExpression: Incorrect number of operands for operator or function;"
                + " operator or function: if_not_exists, number of operands: 1");
        assertMessage("SET a = list_append(b, c, d)", "Invalid UpdateExpression: Incorrect number of operands for operator or function;"
                + " operator or function: list_append, number of operands: 3");
        assertMessage("SET a = if_not_exists(:v, b)", "Invalid UpdateExpression: Operator or function requires a document path;"
                + " operator or function: if_not_exists", ":v", n(1));
    }

    @Test
    void arithmeticAndListAppend_shouldRejectConstantOperandsOfTheWrongType() {
        assertMessage("SET a = a + :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +,"
                + " operand type: S", ":v", s("1"));
        assertMessage("SET a = :v - a", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -,"
                + " operand type: SS", ":v", ss("1"));
        assertMessage("SET a = list_append(a, :v)", "Invalid UpdateExpression: Incorrect operand type for operator or function;"
                + " operator or function: list_append, operand type: M", ":v", m());
    }

    @Test
    void parenthesisedValues_shouldBeAccepted() {
        java.util.Map<String, dev.meridian.dynamodb.model.AttributeValue> it = item("a", n(1), "l", l(n(1)));
        assertThat(Expressions.update("SET a = (a + :v)", Av.attrs(":v", n(2))).apply(it)).containsEntry("a", n(3));
        assertThat(Expressions.update("SET a = (a) + (:v)", Av.attrs(":v", n(2))).apply(it)).containsEntry("a", n(3));
        assertThat(Expressions.update("SET b = (:v)", Av.attrs(":v", n(2))).apply(it)).containsEntry("b", n(2));
        assertThat(Expressions.update("SET l = list_append((l), :v)", Av.attrs(":v", l(n(2)))).apply(it)).containsEntry("l", l(n(1), n(2)));
        assertMessage("SET a = (a + :v", "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \":v\"", ":v", n(1));
    }

    @Test
    void heldErrors_shouldBeReportedInDynamoDbsOrder() {
        // reserved word before an undefined placeholder, wherever they are
        assertMessage("SET a = :nope, status = :v", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status", ":v", n(1));
        // an unknown function before a clause used twice
        assertMessage("SET a = :v SET b = foo(:v)", "Invalid UpdateExpression: Invalid function name; function: foo", ":v", n(1));
        // undefined names before undefined values, both before overlapping paths
        assertMessage("SET a = :nope, #nope = :v, a = :v", "Invalid UpdateExpression: An expression attribute name used in the document path"
                + " is not defined; attribute name: #nope", ":v", n(1));
        assertMessage("SET a = :nope, a = :v", "Invalid UpdateExpression: An expression attribute value used in expression is not defined;"
                + " attribute value: :nope", ":v", n(1));
        // overlapping before operand types
        assertMessage("ADD a :s SET a = :v", "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite"
                + " one of these paths; path one: [a], path two: [a]", ":s", s("x"), ":v", n(1));
        // overlap before conflict, each new path compared with the earlier ones
        assertMessage("SET x[0] = :v, y = :v, x.a = :v, y.b = :v", "Invalid UpdateExpression: Two document paths overlap with each other;"
                + " must remove or rewrite one of these paths; path one: [y], path two: [y, b]", ":v", n(1));
    }

    @Test
    void addAndDelete_shouldRejectConstantOperandsOfTypesTheyCannotUse() {
        assertMessage("ADD a :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING,"
                + " typeSet: ALLOWED_FOR_ADD_OPERAND", ":v", s("x"));
        assertMessage("ADD a :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST,"
                + " typeSet: ALLOWED_FOR_ADD_OPERAND", ":v", l(n(1)));
        assertMessage("ADD a :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: NULL,"
                + " typeSet: ALLOWED_FOR_ADD_OPERAND", ":v", nul());
        assertMessage("DELETE a :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER,"
                + " typeSet: ALLOWED_FOR_DELETE_OPERAND", ":v", n(1));
        assertMessage("DELETE a :v", "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: MAP,"
                + " typeSet: ALLOWED_FOR_DELETE_OPERAND", ":v", m());
    }

    @Test
    void placeholdersAndReservedWords_shouldBeCheckedInEveryClause() {
        assertMessage("SET a = :v", "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v");
        assertMessage("REMOVE #x", "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
        assertMessage("SET #a = if_not_exists(#b, :v)", "Invalid UpdateExpression: An expression attribute name used in the document path is not defined;"
                + " attribute name: #b", "#a", "a", ":v", n(1));
        assertMessage("SET count = count + :one", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: count", ":one", n(1));
        assertMessage("REMOVE a.ttl", "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: ttl");
    }
}

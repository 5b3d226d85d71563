package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionErrorsTest {

    private static ExpressionException reject(String kind, String expr, Object... attrs) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Expressions.condition(kind, expr, Av.attrs(attrs)));
        assertThat(t).as("expected %s to be rejected", expr).isInstanceOf(ExpressionException.class);
        ExpressionException e = (ExpressionException) t;
        assertThat(e.type()).isEqualTo("ValidationException");
        assertThat(e.status()).isEqualTo(400);
        return e;
    }

    private static void assertMessage(String expr, String message, Object... attrs) {
        assertThat(reject("ConditionExpression", expr, attrs).getMessage()).isEqualTo(message);
    }

    @Test
    void emptyExpression_shouldBeRejected() {
        assertMessage("", "Invalid ConditionExpression: The expression can not be empty;");
        assertMessage("   ", "Invalid ConditionExpression: The expression can not be empty;");
        assertThat(reject("FilterExpression", null).getMessage()).isEqualTo("Invalid FilterExpression: The expression can not be empty;");
    }

    @Test
    void syntaxError_shouldNameTheTokenAndWhatIsAroundIt() {
        assertMessage("!!! INVALID !!!", "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"!!\"");
        assertMessage("a = = :v", "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"", ":v", n(1));
        assertMessage("a = :v AND", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"", ":v", n(1));
        assertMessage("a = :v b", "Invalid ConditionExpression: Syntax error; token: \"b\", near: \":v b\"", ":v", n(1));
        assertMessage("a :v", "Invalid ConditionExpression: Syntax error; token: \":v\", near: \"a :v\"", ":v", n(1));
        assertMessage("a != :v", "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"a !=\"", ":v", n(1));
        assertMessage("(a = :v", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\"", ":v", n(1));
        assertMessage("a[x] = :v", "Invalid ConditionExpression: Syntax error; token: \"x\", near: \"[x]\"", ":v", n(1));
        assertMessage("a[-1] = :v", "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"[-1\"", ":v", n(1));
        assertMessage("a.1 = :v", "Invalid ConditionExpression: Syntax error; token: \"1\", near: \".1 =\"", ":v", n(1));
        assertMessage("a = :v + :v", "Invalid ConditionExpression: Syntax error; token: \"+\", near: \":v + :v\"", ":v", n(1));
        assertMessage("a BETWEEN :v", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\"", ":v", n(1));
        assertMessage("a IN ()", "Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\"");
        assertMessage("OR (a = :v)", "Invalid ConditionExpression: Syntax error; token: \"OR\", near: \"OR (\"", ":v", n(1));
        assertMessage("a = :v AND AND (b = :v)", "Invalid ConditionExpression: Syntax error; token: \"AND\", near: \"AND AND (\"", ":v", n(1));
        assertMessage("a = :v = :v", "Invalid ConditionExpression: Syntax error; token: \"=\", near: \":v = :v\"", ":v", n(1));
    }

    @Test
    void syntaxError_shouldCarryItsPosition() {
        assertThat(reject("ConditionExpression", "a = :v AND OR", ":v", n(1)).position()).isEqualTo(11);
    }

    @Test
    void syntaxError_shouldBeReportedBeforeAnUndefinedPlaceholder() {
        assertMessage("#nope = :nope AND", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    }

    @Test
    void undefinedPlaceholders_shouldBeNamed_withTheExpressionKind() {
        assertMessage("a = :nope", "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope");
        assertThat(reject("FilterExpression", "#nope = :v", ":v", n(1)).getMessage())
                .isEqualTo("Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #nope");
        assertMessage("a.#nope = :v", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope", ":v", n(1));
    }

    @Test
    void reservedWord_usedAsABareName_shouldBeRejected_atAnyDepth() {
        assertMessage("status = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status", ":v", n(1));
        assertMessage("a.Size = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Size", ":v", n(1));
        assertMessage("attribute_exists(data)", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: data");
        assertThat(reject("FilterExpression", "#s = :v AND name = :v", "#s", "status", ":v", n(1)).getMessage())
                .isEqualTo("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: name");
        // the same names behind placeholders are fine
        assertThat(Expressions.condition("ConditionExpression", "#s = :v", Av.attrs("#s", "status", ":v", n(1)))
                .test(item("status", n(1)))).isTrue();
    }

    @Test
    void functionMisuse_shouldBeRejected() {
        assertMessage("size(a)", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
        assertMessage("attribute_exists(a) = :v", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: attribute_exists", ":v", bool(true));
        assertMessage("if_not_exists(a, :v)", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: if_not_exists", ":v", n(1));
        assertMessage("a = list_append(a, :v)", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: list_append", ":v", l());
        assertMessage("foo(a)", "Invalid ConditionExpression: Invalid function name; function: foo");
        assertMessage("Begins_With(a, :v)", "Invalid ConditionExpression: Invalid function name; function: Begins_With", ":v", s("x"));
    }

    @Test
    void functionArity_shouldBeChecked() {
        assertMessage("begins_with(a)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1");
        assertMessage("attribute_exists(a, b)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
        assertMessage("attribute_not_exists()", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_not_exists, number of operands: 0");
        assertMessage("contains(a, :v, :v)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: contains, number of operands: 3", ":v", s("x"));
        assertMessage("size(a, b) = :v", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 2", ":v", n(1));
        assertMessage("attribute_type(a)", "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_type, number of operands: 1");
    }

    @Test
    void functionOperandTypes_shouldBeChecked() {
        assertMessage("attribute_exists(:v)", "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists", ":v", s("x"));
        assertMessage("size(:v) = :v", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N", ":v", n(1));
        assertMessage("size(size(a)) = :v", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N", ":v", n(1));
        assertMessage("attribute_type(a, :t)", "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}", ":t", s("STRING"));
        assertMessage("attribute_type(a, b)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        assertMessage("begins_with(a, size(b))", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        assertMessage("attribute_type(a, :t)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N", ":t", n(1));
        assertMessage("begins_with(a, :v)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N", ":v", n(1));
        assertMessage("begins_with(a, :v)", "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: L", ":v", l());
        for (String type : new String[] {"S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M"}) {
            assertThat(Expressions.condition("ConditionExpression", "attribute_type(a, :t)", Av.attrs(":t", s(type)))).isNotNull();
        }
    }

    @Test
    void sizeOfAConstant_shouldBeItsSize() {
        assertThat(Expressions.condition("ConditionExpression", "size(:v) = :n", Av.attrs(":v", s("abc"), ":n", n(3))).test(Map.of())).isTrue();
        assertThat(Expressions.condition("ConditionExpression", "size(:v) = :n", Av.attrs(":v", l(n(1)), ":n", n(1))).test(Map.of())).isTrue();
    }

    @Test
    void sameOperandTwice_shouldBeRejected() {
        assertMessage("a = a", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or"
                + " function; operator: =, first operand: [a]");
        assertMessage("#a.b[1] < a.b[1]", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this"
                + " operator or function; operator: <, first operand: [a, b, [1]]", "#a", "a");
        assertMessage("begins_with(a, a)", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this"
                + " operator or function; operator: begins_with, first operand: [a]");
        assertMessage("contains(a, a)", "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this"
                + " operator or function; operator: contains, first operand: [a]");
        assertThat(Expressions.condition("ConditionExpression", "a = b AND a.x = a.y", ExpressionAttributes.none())).isNotNull();
    }

    @Test
    void parenthesisedOperands_shouldBeAccepted() {
        Map<String, dev.meridian.dynamodb.model.AttributeValue> it = item("a", n(1), "l", l(n(1), n(2)));
        assertThat(Expressions.condition("ConditionExpression", "(a) = :v", Av.attrs(":v", n(1))).test(it)).isTrue();
        assertThat(Expressions.condition("ConditionExpression", "a = (:v)", Av.attrs(":v", n(1))).test(it)).isTrue();
        assertThat(Expressions.condition("ConditionExpression", "(size(l)) > :v AND ((a = :v) OR a = :w)", Av.attrs(":v", n(1), ":w", n(2))).test(it)).isTrue();
        assertThat(Expressions.condition("ConditionExpression", "a IN ((:v), :w)", Av.attrs(":v", n(1), ":w", n(2))).test(it)).isTrue();
        assertMessage("((a)) = :v", "Invalid ConditionExpression: The expression has redundant parentheses;", ":v", n(1));
    }

    @Test
    void heldErrors_shouldBeReportedInDynamoDbsOrder() {
        // redundant parentheses before anything else found
        assertMessage("status = :nope OR ((a = :v))", "Invalid ConditionExpression: The expression has redundant parentheses;", ":v", n(1));
        // an unknown function before a reserved word
        assertMessage("status = :v AND foo(a)", "Invalid ConditionExpression: Invalid function name; function: foo", ":v", n(1));
        // a misused function before a reserved word
        assertMessage("status = :v AND size(a)", "Invalid ConditionExpression: The function is not allowed to be used this way in an expression;"
                + " function: size", ":v", n(1));
        // a reserved word before an undefined placeholder
        assertMessage("a = :nope AND status = :v", "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status", ":v", n(1));
        // undefined values and names: the first found
        assertMessage("a = :nope AND #nope = :v", "Invalid ConditionExpression: An expression attribute value used in expression is not defined;"
                + " attribute value: :nope", ":v", n(1));
        // within one condition: a placeholder before an operand count ...
        assertMessage("begins_with(#nope)", "Invalid ConditionExpression: An expression attribute name used in the document path is not defined;"
                + " attribute name: #nope");
        // ... but across conditions the first condition with a problem decides
        assertMessage("begins_with(a) AND b = :nope", "Invalid ConditionExpression: Incorrect number of operands for operator or function;"
                + " operator or function: begins_with, number of operands: 1");
        assertMessage("attribute_type(a, size(a)) and a = a and a = :nope", "Invalid ConditionExpression: Incorrect operand type for operator"
                + " or function; operator or function: attribute_type, operand type: N");
    }

    @Test
    void betweenBoundsOfTwoTypes_shouldBeRejected() {
        assertMessage("a BETWEEN :lo AND :hi", "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper"
                + " bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:9}", ":lo", n(1), ":hi", s("9"));
    }

    @Test
    void redundantParentheses_shouldBeRejected() {
        assertMessage("((a = :v))", "Invalid ConditionExpression: The expression has redundant parentheses;", ":v", n(1));
        assertMessage("a = :v AND ((b = :v))", "Invalid ConditionExpression: The expression has redundant parentheses;", ":v", n(1));
    }

    @Test
    void in_shouldAcceptUpTo100Operands() {
        StringBuilder ok = new StringBuilder("a IN (");
        for (int i = 0; i < 100; i++) ok.append(i == 0 ? "" : ", ").append(":v");
        String hundred = ok.append(')').toString();
        assertThat(Expressions.condition("ConditionExpression", hundred, Av.attrs(":v", n(1))).test(item("a", n(1)))).isTrue();
        String hundredOne = hundred.replace(")", ", :v)");
        assertMessage(hundredOne, "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101", ":v", n(1));
    }

    @Test
    void between_shouldRejectConstantBoundsInTheWrongOrder() {
        assertMessage("a BETWEEN :hi AND :lo", "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal"
                + " to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:2}", ":hi", n(10), ":lo", n(2));
        assertThat(Expressions.condition("ConditionExpression", "a BETWEEN :x AND :x", Av.attrs(":x", n(2)))).isNotNull();
    }

    @Test
    void expressionLongerThan4KB_shouldBeRejected() {
        String name = "a".repeat(4096 - 20);
        String fits = "attribute_exists(" + name + ")";
        assertThat(fits.length()).isLessThanOrEqualTo(4096);
        assertThat(Expressions.condition("ConditionExpression", fits, ExpressionAttributes.none()).test(Map.of())).isFalse();
        String tooLong = "attribute_exists(" + "a".repeat(4096) + ")";
        assertThat(reject("ConditionExpression", tooLong).getMessage())
                .isEqualTo("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4114");
    }

    @Test
    void moreThan300OperatorsAndFunctions_shouldBeRejected() {
        // NOT, 150 comparisons and 149 ANDs: 300
        String allowed = "NOT a = :v" + " AND a = :v".repeat(149);
        assertThat(Expressions.condition("ConditionExpression", allowed, Av.attrs(":v", n(1))).test(item("a", n(1)))).isFalse();
        String tooMany = "attribute_exists(a) AND " + allowed;
        assertMessage(tooMany, "Invalid ConditionExpression: The expression contains too many operators; operator count: 302", ":v", n(1));
    }

    @Test
    void documentPathDeeperThan32Levels_shouldBeRejected() {
        String ok = "a" + ".b".repeat(31);
        assertThat(Expressions.condition("ConditionExpression", "attribute_exists(" + ok + ")", ExpressionAttributes.none())).isNotNull();
        assertMessage("attribute_exists(" + ok + "[0])", "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void everyError_shouldBeADynamoDbValidationException() {
        assertThatThrownBy(() -> Expressions.condition("ConditionExpression", "a =", ExpressionAttributes.none()))
                .isInstanceOf(DynamoDbException.class)
                .extracting(e -> ((DynamoDbException) e).type()).isEqualTo("ValidationException");
    }
}

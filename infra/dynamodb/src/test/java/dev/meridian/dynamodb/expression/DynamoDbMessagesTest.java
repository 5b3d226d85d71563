package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Which message DynamoDB gives for expressions with one or more problems, case by case: a
 * catalogue of answers the service is known to give, each line "expression | message tail".
 */
class DynamoDbMessagesTest {

    private static String filterError(String expr, ExpressionAttributes attrs) {
        Throwable t = catchThrowable(() -> Expressions.condition("FilterExpression", expr, attrs));
        assertThat(t).as("expected %s to be rejected", expr).isInstanceOf(ExpressionException.class);
        return t.getMessage();
    }

    private static String updateError(String expr, ExpressionAttributes attrs) {
        Throwable t = catchThrowable(() -> Expressions.update(expr, attrs));
        assertThat(t).as("expected %s to be rejected", expr).isInstanceOf(ExpressionException.class);
        return t.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "things are not gonna be ok", "a > 4", "attribute_exists(Pictures-RearView)", "attribute_exists(\"Pictures.RearView\")",
            "attribute_exists(Pictures..RearView)", "attribute_exists(Pi#ctures.RearView)", "attribute_exists(asdf[a])",
            "a in b, c", "a > between", "a in b", "a in (b,c,)", "(a)between(b.(c.d))and(c)", "(a)between(b.c.d)and((c)",
            "#$.b > a", "a > :things.stuff", "b[:a] > a", "b[#_] > a", "ü > a", "(a)between(b.c[4.5].#d)and(:a)",
            "size(a).b > a", "(size(a)).b > a", "size(a)[0] > a", "(size(a))[0] > a"})
    void filterSyntaxErrors(String expr) {
        assertThat(filterError(expr, ExpressionAttributes.none())).startsWith("Invalid FilterExpression: Syntax error; token: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a=a and a > ((views))", "a > whatever((:things), ((a)))", "a=a AND ((a=a AND a=a)) AND a=a",
            "a=a OR ((a=a OR a=a)) OR a=a", "a=a AND ((a=a AND (a=a AND a=a)))", "a=a OR ((a=a OR (a=a OR a=a)))"})
    void filterRedundantParentheses(String expr) {
        assertThat(filterError(expr, ExpressionAttributes.none())).isEqualTo("Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a=a and whatever((:things)) > a | Invalid function name; function: whatever",
            "attRIbute_exIsts((views), #a) | Invalid function name; function: attRIbute_exIsts",
            "a=a and attribute_exists((views), (#a)) > b | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "attribute_not_exists(things) > b | The function is not allowed to be used this way in an expression; function: attribute_not_exists",
            "attribute_type(things, :a) > b | The function is not allowed to be used this way in an expression; function: attribute_type",
            "begins_with(things, a) > b | The function is not allowed to be used this way in an expression; function: begins_with",
            "contains(:things, c) > b | The function is not allowed to be used this way in an expression; function: contains",
            "size(contains(a, b)) > a | The function is not allowed to be used this way in an expression; function: contains",
            "size(things) | The function is not allowed to be used this way in an expression; function: size",
            "a between b and attribute_exists(things) | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "a in (b, attribute_exists(things)) | The function is not allowed to be used this way in an expression; function: attribute_exists",
            "attribute_exists(views, #a) | Attribute name is a reserved keyword; reserved keyword: views",
            ":a < abOrT | Attribute name is a reserved keyword; reserved keyword: abOrT",
            "attribute_exists(#Pictures.RearView, :a) and a=a | An expression attribute name used in the document path is not defined; attribute name: #Pictures",
            "begins_with(Pictures.#RearView) | An expression attribute name used in the document path is not defined; attribute name: #RearView",
            "(#P between :lo and :hi) and (#PC in (:cat1, :cat2)) | An expression attribute name used in the document path is not defined; attribute name: #P",
            "#4g > a | An expression attribute name used in the document path is not defined; attribute name: #4g",
            "#_ > a | An expression attribute name used in the document path is not defined; attribute name: #_",
            "(a)between(b.c[45].#d)and(:a) | An expression attribute name used in the document path is not defined; attribute name: #d",
            ":a < :b | An expression attribute value used in expression is not defined; attribute value: :a",
            ":_ > a | An expression attribute value used in expression is not defined; attribute value: :_",
            "attribute_exists(things, a) and a=a | Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2",
            "attribute_not_exists(things, b) | Incorrect number of operands for operator or function; operator or function: attribute_not_exists, number of operands: 2",
            "attribute_type(things) | Incorrect number of operands for operator or function; operator or function: attribute_type, number of operands: 1",
            "begins_with(things, size(a), b) | Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 3",
            "contains(things) | Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1",
            "size(things, a) > b | Incorrect number of operands for operator or function; operator or function: size, number of operands: 2",
    })
    void filterProblemsWithoutPlaceholders(String line) {
        String[] parts = line.split(" \\| ");
        assertThat(filterError(parts[0], ExpressionAttributes.none())).isEqualTo("Invalid FilterExpression: " + parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"})
    void filterOperandTypes(String type) {
        AttributeValue v = sample(type);
        ExpressionAttributes attrs = Av.attrs(":a", v);
        assertThat(filterError("attribute_type(a, :a)", attrs)).isEqualTo(
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: " + type);
        if (!type.equals("B")) {
            assertThat(filterError("begins_with(a, :a)", Av.attrs(":a", v))).isEqualTo(
                    "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: " + type);
            assertThat(filterError("begins_with(:a, a)", Av.attrs(":a", v))).isEqualTo(
                    "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: " + type);
        }
        if (type.equals("N") || type.equals("BOOL") || type.equals("NULL")) {
            assertThat(filterError("size(:a) > a", Av.attrs(":a", v))).isEqualTo(
                    "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: " + type);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "attribute_type(a, size(a)) and a=a and a=:a | attribute_type, operand type: N",
            "begins_with(a, size(a)) and a=:a | begins_with, operand type: N",
            "size(size(a)) > :a | size, operand type: N",
            "attribute_not_exists(size(:n)) | size, operand type: N",
    })
    void filterOperandTypesOfSize(String line) {
        String[] parts = line.split(" \\| ");
        assertThat(filterError(parts[0], Av.attrs(":a", n(1), ":n", n(1)))).isEqualTo(
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: " + parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "attribute_exists(:a) and a=a | attribute_exists",
            "attribute_not_exists(size(:a)) | attribute_not_exists"})
    void filterFunctionsNeedingAPath(String line) {
        String[] parts = line.split(" \\| ");
        assertThat(filterError(parts[0], Av.attrs(":a", s("1")))).isEqualTo(
                "Invalid FilterExpression: Operator or function requires a document path; operator or function: " + parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a = a AND #a = b AND :views > a | = | [a]",
            "#a <> a | <> | [a]",
            "a > #a | > | [a]",
            "((a=a) OR (a=a)) | = | [a]",
            "((a=a) AND (a=a)) | = | [a]",
            "contains(ab.bc[1].a, ab.bc[1].#a) | contains | [ab, bc, [1], a]",
            "attribute_type(ab.bc[1].#a, ab.bc[1].a) | attribute_type | [ab, bc, [1], a]",
            "begins_with(ab.bc[1].a, ab.bc[1].#a) | begins_with | [ab, bc, [1], a]"})
    void filterSameOperandTwice(String line) {
        String[] parts = line.split(" \\| ");
        assertThat(filterError(parts[0], Av.attrs("#a", "a"))).isEqualTo("Invalid FilterExpression: The first operand must be distinct from the"
                + " remaining operands for this operator or function; operator: " + parts[1] + ", first operand: " + parts[2]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET if_not_exist(a, b) = a", "set (a = (b + c))", "set a = (b.c).d + e", "set a = (b.c)[0] + e", "set a = b + c + d"})
    void updateSyntaxErrors(String expr) {
        assertThat(updateError(expr, ExpressionAttributes.none())).startsWith("Invalid UpdateExpression: Syntax error; token: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            " set #c = :c set abOrt = true  | Attribute name is a reserved keyword; reserved keyword: abOrt",
            " remove Absolute  | Attribute name is a reserved keyword; reserved keyword: Absolute",
            "SET a = :a REMOVE Or | Attribute name is a reserved keyword; reserved keyword: Or",
            "set #c = if_not_exist(:c) set c = d | Invalid function name; function: if_not_exist",
            "set a = #a set c = :a | The \"SET\" section can only be used once in an update expression;",
            "remove #a set a = b remove e | The \"REMOVE\" section can only be used once in an update expression;",
            "add #a :a set a = b add e :a | The \"ADD\" section can only be used once in an update expression;",
            "delete #a :b set a = b delete #b :b | The \"DELETE\" section can only be used once in an update expression;",
            "SET #c = if_not_exists(:c) | An expression attribute name used in the document path is not defined; attribute name: #c",
            "SET #a = if_not_exists(:c) | An expression attribute value used in expression is not defined; attribute value: :c",
            "set a = if_not_exists(c) | Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1",
            "set a = list_append(c) | Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1",
            "set a = if_not_exists(:a, c) | Operator or function requires a document path; operator or function: if_not_exists",
            "set a = if_not_exists(if_not_exists(a, b), c) | Operator or function requires a document path; operator or function: if_not_exists",
    })
    void updateProblems(String line) {
        String[] parts = line.split(" \\| ");
        ExpressionAttributes attrs = Av.attrs("#a", "a", "#b", "b", ":a", s("a"), ":b", ss("a"));
        assertThat(updateError(parts[0], attrs)).isEqualTo("Invalid UpdateExpression: " + parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a) | overlap | [c, [1], a] | [c]",
            "set #c[3].#d = a, #c[3] = a | overlap | [c, [3], [3]] | [c, [3]]",
            "set #c[3].#d = a, #c.#d[3] = if_not_exists(a) | conflict | [c, [3], [3]] | [c, [3], [3]]",
            "remove a.#c set a[1] = #d | conflict | [a, c] | [a, [1]]"})
    void updateOverlappingPaths(String line) {
        String[] parts = line.split(" \\| ");
        assertThat(updateError(parts[0], Av.attrs("#c", "c", "#d", "[3]"))).isEqualTo("Invalid UpdateExpression: Two document paths " + parts[1]
                + " with each other; must remove or rewrite one of these paths; path one: " + parts[2] + ", path two: " + parts[3]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "set a = list_append(:s, a) | list_append | S", "set a = list_append(a, :n) | list_append | N",
            "set a = list_append(:ss, a) | list_append | SS", "set a = list_append(:m, a) | list_append | M",
            "set a = a + :s | + | S", "set a = :s + :b | + | S", "set a = :b + a | + | B", "set a = a + :bool | + | BOOL",
            "set a = a + :null | + | NULL", "set a = a + :l | + | L", "set a = a - :ns | - | NS", "set a = :s - :b | - | S"})
    void updateFunctionOperandTypes(String line) {
        String[] parts = line.split(" \\| ");
        ExpressionAttributes attrs = Av.attrs(":s", s("a"), ":n", n(1), ":b", b(1), ":bool", bool(false), ":null", nul(),
                ":ss", ss("a"), ":ns", ns("1"), ":m", m(), ":l", l());
        assertThat(updateError(parts[0], attrs)).isEqualTo("Invalid UpdateExpression: Incorrect operand type for operator or function;"
                + " operator or function: " + parts[1] + ", operand type: " + parts[2]);
    }

    private static String keyError(String expr, ExpressionAttributes attrs) {
        Throwable t = catchThrowable(() -> Expressions.keyCondition(expr, attrs));
        assertThat(t).as("expected %s to be rejected", expr).isInstanceOf(ExpressionException.class);
        return t.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "things are not gonna be ok | Invalid KeyConditionExpression: Syntax error; token: \"are\", near: \"things are not\"",
            "a > 4 | Invalid KeyConditionExpression: Syntax error; token: \"4\", near: \"> 4\"",
            "attribute_type(a, b) | Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}",
            "attribute_type(a, :t) | Invalid operator used in KeyConditionExpression: attribute_type",
            "a > b and size(b) > c or a > c | Invalid operator used in KeyConditionExpression: OR",
            "a in (b, size(c), d) | Invalid operator used in KeyConditionExpression: IN",
            "attribute_exists(a) | Invalid operator used in KeyConditionExpression: attribute_exists",
            "attribute_not_exists(a) | Invalid operator used in KeyConditionExpression: attribute_not_exists",
            "contains(a.d, b) | Invalid operator used in KeyConditionExpression: contains",
            "not a > b | Invalid operator used in KeyConditionExpression: NOT",
            "a <> b | Invalid operator used in KeyConditionExpression: <>",
            ":s between size(b) and size(a) and b > :n | Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
            "begins_with(:s, b) and a > :n | Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
            "size(b) > a AND a.b > b AND b > c | KeyConditionExpressions cannot contain nested operations",
            "a > size(b.d) | KeyConditionExpressions cannot contain nested operations",
            "a between size(b) and size(a) | KeyConditionExpressions cannot contain nested operations",
            "b > a.b | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "b between c[1] and d | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "a between b and size(a) | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "begins_with(a, b) | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "b.d > a AND c.d > e.f | KeyConditionExpressions cannot have conditions on nested attributes",
            "a.d > c | KeyConditionExpressions cannot have conditions on nested attributes",
            "b[0] > a | KeyConditionExpressions cannot have conditions on nested attributes",
            ":n > :s AND a < :n | Invalid condition in KeyConditionExpression: No key attribute specified",
            ":s > b AND :s < :n | Invalid condition in KeyConditionExpression: No key attribute specified",
            "b > :s AND b < :s and c = :s and d = :s | KeyConditionExpressions must only contain one condition per key",
            "(a > :s and b > :s) and (b > :s and c > :s) | KeyConditionExpressions must only contain one condition per key",
            "a between :n and :s | Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}",
            "a between :n and :m | Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {N:0}",
    })
    void keyConditionProblems(String line) {
        String[] parts = line.split(" \\| ");
        assertThat(keyError(parts[0], Av.attrs(":s", s("a"), ":n", n(1), ":m", n(0), ":t", s("S")))).isEqualTo(parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "!!! INVALID !!! | Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"",
            "a, a.b | Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
            "a.b[1], a.b | Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b, [1]], path two: [a, b]",
            "a[1], a.b | Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]",
            "a, #x | Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x",
            "a, b, abort | Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: abort",
            "a, and | Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: and",
    })
    void projectionProblems(String line) {
        String[] parts = line.split(" \\| ");
        Throwable t = catchThrowable(() -> Expressions.projection(parts[0], ExpressionAttributes.none()));
        assertThat(t).isInstanceOf(ExpressionException.class).hasMessage(parts[1]);
    }

    private static AttributeValue sample(String type) {
        return switch (type) {
            case "N" -> n(1);
            case "B" -> b(0x61);
            case "BOOL" -> bool(true);
            case "NULL" -> nul();
            case "L" -> l();
            case "M" -> m();
            case "SS" -> ss("1");
            case "NS" -> ns("1");
            default -> bs(b(0x61));
        };
    }
}

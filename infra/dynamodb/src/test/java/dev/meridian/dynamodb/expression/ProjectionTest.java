package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ProjectionTest {

    private static final Map<String, AttributeValue> ITEM = item(
            "pk", s("k"),
            "mymap", m("nested", s("deep"), "other", n(42), "core", m("x", n(1), "y", n(2))),
            "mylist", l(s("zero"), s("one"), s("two"), m("a", n(1), "b", n(2))),
            "n", n(7));

    private static Map<String, AttributeValue> project(String expr, Object... attrs) {
        return Expressions.projection(expr, Av.attrs(attrs)).apply(ITEM);
    }

    @Test
    void topLevelPaths_shouldKeepJustThoseAttributes() {
        assertThat(project("pk, n")).isEqualTo(item("pk", s("k"), "n", n(7)));
        assertThat(project("nope, n")).isEqualTo(item("n", n(7)));
        assertThat(project("#m", "#m", "mymap")).isEqualTo(item("mymap", ITEM.get("mymap")));
    }

    @Test
    void nestedMapPaths_shouldKeepTheStructureLeadingToThem() {
        assertThat(project("#m.#n", "#m", "mymap", "#n", "nested")).isEqualTo(item("mymap", m("nested", s("deep"))));
        assertThat(project("mymap.core.y, mymap.#o", "#o", "other")).isEqualTo(item("mymap", m("core", m("y", n(2)), "other", n(42))));
        assertThat(project("mymap.nope")).as("nothing projected: no attribute").isEmpty();
        assertThat(project("n.x")).as("a step into a number").isEmpty();
    }

    @Test
    void listIndexes_shouldGiveAListOfJustThoseElements_inIndexOrder() {
        assertThat(project("mylist[0]")).isEqualTo(item("mylist", l(s("zero"))));
        assertThat(project("mylist[2], mylist[1]")).isEqualTo(item("mylist", l(s("one"), s("two"))));
        assertThat(project("mylist[3].b")).isEqualTo(item("mylist", l(m("b", n(2)))));
        assertThat(project("mylist[9]")).isEmpty();
        assertThat(project("mymap[0]")).as("an index into a map").isEmpty();
        assertThat(project("#m.#n, #l[1]", "#m", "mymap", "#n", "nested", "#l", "mylist"))
                .isEqualTo(item("mymap", m("nested", s("deep")), "mylist", l(s("one"))));
    }

    @Test
    void projection_shouldLeaveTheItemUnchanged_andReportItsTopLevelAttributes() {
        Projection p = Expressions.projection("mymap.core.x, mylist[1], pk", ExpressionAttributes.none());
        Map<String, AttributeValue> copy = item(ITEM.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray());
        p.apply(ITEM);
        assertThat(ITEM).isEqualTo(copy);
        assertThat(p.topLevelAttributes()).containsExactlyInAnyOrder("mymap", "mylist", "pk");
        assertThat(p.apply(null)).isEmpty();
    }

    @Test
    void overlappingOrConflictingPaths_shouldBeRejected() {
        assertThat(catchThrowable(() -> Expressions.projection("a, a.b", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths;"
                        + " path one: [a], path two: [a, b]");
        assertThat(catchThrowable(() -> Expressions.projection("a, #a", Av.attrs("#a", "a"))))
                .hasMessage("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths;"
                        + " path one: [a], path two: [a]");
        assertThat(catchThrowable(() -> Expressions.projection("a[0], a.b", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths;"
                        + " path one: [a, [0]], path two: [a, b]");
    }

    @Test
    void syntaxAndNameErrors_shouldNameTheProjectionExpression() {
        assertThat(catchThrowable(() -> Expressions.projection("!!!", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
        assertThat(catchThrowable(() -> Expressions.projection("a,", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
        assertThat(catchThrowable(() -> Expressions.projection("a, :v", Av.attrs(":v", n(1)))))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \":v\", near: \", :v\"");
        assertThat(catchThrowable(() -> Expressions.projection("a b", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
        assertThat(catchThrowable(() -> Expressions.projection("name", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        assertThat(catchThrowable(() -> Expressions.projection("#x", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
        assertThat(catchThrowable(() -> Expressions.projection("", ExpressionAttributes.none())))
                .hasMessage("Invalid ProjectionExpression: The expression can not be empty;");
    }
}

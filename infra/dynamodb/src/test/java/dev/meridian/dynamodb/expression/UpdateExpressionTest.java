package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpdateExpressionTest {

    private static Map<String, AttributeValue> apply(String expr, Map<String, AttributeValue> item, Object... attrs) {
        return Expressions.update(expr, Av.attrs(attrs)).apply(item);
    }

    private static void assertFails(String expr, Map<String, AttributeValue> item, String message, Object... attrs) {
        Update u = Expressions.update(expr, Av.attrs(attrs));
        assertThatThrownBy(() -> u.apply(item))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((DynamoDbException) e).type()).isEqualTo("ValidationException"));
    }

    @Test
    void set_shouldWriteTopLevelAttributes_andLeaveTheArgumentUnchanged() {
        Map<String, AttributeValue> before = item("pk", s("k"), "a", n(1));
        Map<String, AttributeValue> after = apply("SET a = :v, b = :w", before, ":v", s("x"), ":w", n(2));
        assertThat(after).isEqualTo(item("pk", s("k"), "a", s("x"), "b", n(2)));
        assertThat(before).isEqualTo(item("pk", s("k"), "a", n(1)));
    }

    @Test
    void set_shouldEvaluateEveryRightHandSide_againstTheItemBeforeTheUpdate() {
        Map<String, AttributeValue> after = apply("SET a = b, b = a", item("a", n(1), "b", n(2)));
        assertThat(after).isEqualTo(item("a", n(2), "b", n(1)));
    }

    @Test
    void set_shouldAddAndSubtractNumbers_withFullPrecision() {
        Map<String, AttributeValue> it = item("n", n("10.5"));
        assertThat(apply("SET n = n + :d", it, ":d", n("0.25"))).containsEntry("n", n("10.75"));
        assertThat(apply("SET n = n - :d", it, ":d", n("11"))).containsEntry("n", n("-0.5"));
        assertThat(apply("SET m = :a + :b", it, ":a", n("1"), ":b", n("2"))).containsEntry("m", n(3));
        assertThat(apply("SET n = :a - n", it, ":a", n(0))).containsEntry("n", n("-10.5"));
        String big = "1234567890123456789012345678901234567"; // 37 digits
        assertThat(apply("SET n = :a + :b", it, ":a", n(big), ":b", n(big)))
                .containsEntry("n", n("2469135780246913578024691357802469134"));
    }

    @Test
    void set_arithmetic_shouldRejectNonNumbersAndMissingAttributes_andPrecisionOverflow() {
        Map<String, AttributeValue> it = item("s", s("x"), "n", n(1));
        assertFails("SET n = s + :d", it, "An operand in the update expression has an incorrect data type", ":d", n(1));
        assertFails("SET n = nope + :d", it, "The provided expression refers to an attribute that does not exist in the item", ":d", n(1));
        assertFails("SET n = nope", it, "The provided expression refers to an attribute that does not exist in the item");
        assertFails("SET n = :a + :b", it, "Attempting to store more than 38 significant digits in a Number",
                ":a", n("12345678901234567890123456789012345678"), ":b", n("0.1"));
    }

    @Test
    void ifNotExists_shouldKeepAnExistingValue_elseUseTheFallback() {
        Map<String, AttributeValue> it = item("a", n(7));
        assertThat(apply("SET a = if_not_exists(a, :z), b = if_not_exists(b, :z)", it, ":z", n(0)))
                .isEqualTo(item("a", n(7), "b", n(0)));
        assertThat(apply("SET c = if_not_exists(c, :z) + :one", it, ":z", n(0), ":one", n(1))).containsEntry("c", n(1));
        assertThat(apply("SET a = if_not_exists(a, :z) + :one", it, ":z", n(0), ":one", n(1))).containsEntry("a", n(8));
    }

    @Test
    void listAppend_shouldJoinListsInEitherOrder() {
        Map<String, AttributeValue> it = item("l", l(n(1), n(2)));
        assertThat(apply("SET l = list_append(l, :x)", it, ":x", l(n(3)))).containsEntry("l", l(n(1), n(2), n(3)));
        assertThat(apply("SET l = list_append(:x, l)", it, ":x", l(n(0)))).containsEntry("l", l(n(0), n(1), n(2)));
        assertThat(apply("SET m = list_append(if_not_exists(m, :e), :x)", it, ":e", l(), ":x", l(s("a"))))
                .containsEntry("m", l(s("a")));
        assertFails("SET l = list_append(n, :x)", item("n", n(1)), "An operand in the update expression has an incorrect data type", ":x", l());
    }

    @Test
    void set_shouldWriteNestedPaths_whoseParentExists() {
        Map<String, AttributeValue> it = item("m", m("a", n(1), "l", l(n(1), n(2))));
        assertThat(apply("SET m.b = :v", it, ":v", n(2))).containsEntry("m", m("a", n(1), "l", l(n(1), n(2)), "b", n(2)));
        assertThat(apply("SET m.l[0] = :v", it, ":v", s("x"))).containsEntry("m", m("a", n(1), "l", l(s("x"), n(2))));
        assertThat(apply("SET m.l[9] = :v", it, ":v", s("x"))).as("an index past the end appends")
                .containsEntry("m", m("a", n(1), "l", l(n(1), n(2), s("x"))));
        assertThat(apply("SET m.l[5] = :v, m.l[7] = :w", it, ":v", s("x"), ":w", s("y")))
                .containsEntry("m", m("a", n(1), "l", l(n(1), n(2), s("x"), s("y"))));
        assertThat(it).isEqualTo(item("m", m("a", n(1), "l", l(n(1), n(2)))));
    }

    @Test
    void set_shouldRejectAPathWhoseParentIsMissingOrOfTheWrongType() {
        String invalid = "The document path provided in the update expression is invalid for update";
        Map<String, AttributeValue> it = item("m", m("a", n(1)), "s", s("x"), "l", l(n(1)));
        assertFails("SET nope.b = :v", it, invalid, ":v", n(1));
        assertFails("SET m.x.y = :v", it, invalid, ":v", n(1));
        assertFails("SET s.b = :v", it, invalid, ":v", n(1));
        assertFails("SET m[0] = :v", it, invalid, ":v", n(1));
        assertFails("SET l.a = :v", it, invalid, ":v", n(1));
        assertFails("SET l[3].a = :v", it, invalid, ":v", n(1));
    }

    @Test
    void remove_shouldDeleteAttributesAndListElements_shiftingTheRest() {
        Map<String, AttributeValue> it = item("a", n(1), "b", n(2), "l", l(s("0"), s("1"), s("2"), s("3")), "m", m("x", n(1), "y", n(2)));
        assertThat(apply("REMOVE a, b", it)).isEqualTo(item("l", l(s("0"), s("1"), s("2"), s("3")), "m", m("x", n(1), "y", n(2))));
        assertThat(apply("REMOVE l[1]", it)).containsEntry("l", l(s("0"), s("2"), s("3")));
        assertThat(apply("REMOVE l[1], l[2]", it)).as("indexes name the elements before the update")
                .containsEntry("l", l(s("0"), s("3")));
        assertThat(apply("REMOVE l[2], l[0]", it)).containsEntry("l", l(s("1"), s("3")));
        assertThat(apply("REMOVE m.x", it)).containsEntry("m", m("y", n(2)));
        assertThat(apply("REMOVE nope, l[9], m.z", it)).as("removing what is absent changes nothing").isEqualTo(it);
    }

    @Test
    void add_shouldAddNumbers_startingFromZero() {
        assertThat(apply("ADD n :d", item("n", n(5)), ":d", n(-2))).containsEntry("n", n(3));
        assertThat(apply("ADD n :d", item(), ":d", n("1.5"))).containsEntry("n", n("1.5"));
        assertThat(apply("ADD m.n :d", item("m", m()), ":d", n(1))).containsEntry("m", m("n", n(1)));
    }

    @Test
    void add_shouldUniteSetsOfTheSameType() {
        assertThat(apply("ADD t :v", item("t", ss("a", "b")), ":v", ss("b", "c"))).containsEntry("t", ss("a", "b", "c"));
        assertThat(apply("ADD t :v", item(), ":v", ss("a"))).containsEntry("t", ss("a"));
        assertThat(apply("ADD t :v", item("t", ns("1")), ":v", ns("2", "1.0"))).containsEntry("t", ns("1", "2"));
        assertThat(apply("ADD t :v", item("t", bs(b(1))), ":v", bs(b(2)))).containsEntry("t", bs(b(1), b(2)));
    }

    @Test
    void add_shouldRejectMismatchedTypes() {
        String wrong = "An operand in the update expression has an incorrect data type";
        assertFails("ADD t :v", item("t", s("x")), wrong, ":v", n(1));
        assertFails("ADD t :v", item("t", ss("x")), wrong, ":v", n(1));
        assertFails("ADD t :v", item("t", ss("x")), wrong, ":v", ns("1"));
        assertFails("ADD t :v", item("t", n(1)), wrong, ":v", ss("1"));
    }

    @Test
    void delete_shouldRemoveSetElements_andTheAttributeWhenTheSetEmpties() {
        assertThat(apply("DELETE t :v", item("t", ss("a", "b", "c")), ":v", ss("b", "z"))).containsEntry("t", ss("a", "c"));
        assertThat(apply("DELETE t :v", item("k", n(1), "t", ss("a")), ":v", ss("a"))).isEqualTo(item("k", n(1)));
        assertThat(apply("DELETE t :v", item("t", ns("1", "2")), ":v", ns("2.0"))).containsEntry("t", ns("1"));
        assertThat(apply("DELETE t :v", item("k", n(1)), ":v", ss("a"))).isEqualTo(item("k", n(1)));
        assertFails("DELETE t :v", item("t", ns("1")), "An operand in the update expression has an incorrect data type", ":v", ss("1"));
        assertFails("DELETE t :v", item("t", s("a")), "An operand in the update expression has an incorrect data type", ":v", ss("a"));
    }

    @Test
    void clauses_shouldCombineInAnyOrder() {
        Map<String, AttributeValue> it = item("a", n(1), "b", n(2), "t", ss("x", "y"), "n", n(1));
        Map<String, AttributeValue> after = apply("DELETE t :x ADD n :one REMOVE b SET a = :s, c = :s",
                it, ":x", ss("x"), ":one", n(1), ":s", s("new"));
        assertThat(after).isEqualTo(item("a", s("new"), "t", ss("y"), "n", n(2), "c", s("new")));
        assertThat(apply("set a = :s remove b", it, ":s", s("z"))).doesNotContainKey("b").containsEntry("a", s("z"));
    }

    @Test
    void topLevelAttributes_andUpdatedPaths_shouldNameWhatTheUpdateTouches() {
        Update u = Expressions.update("SET m.x = :v, a = :v REMOVE l[1] ADD n :one",
                Av.attrs(":v", n(9), ":one", n(1)));
        assertThat(u.topLevelAttributes()).containsExactlyInAnyOrder("m", "a", "l", "n");
        assertThat(u.nestedAttributes()).containsExactlyInAnyOrder("m", "l");
        Map<String, AttributeValue> before = item("pk", s("k"), "m", m("x", n(1), "y", n(2)), "l", l(n(0), n(1), n(2)), "z", n(0));
        assertThat(u.updatedPaths().apply(before))
                .isEqualTo(item("m", m("x", n(1)), "l", l(n(1))));
        assertThat(u.updatedPaths().apply(u.apply(before)))
                .isEqualTo(item("m", m("x", n(9)), "a", n(9), "l", l(n(2)), "n", n(1)));
    }

    @Test
    void remove_shouldIgnoreAMissingLeaf_butRejectAMissingOrWronglyTypedParent() {
        Map<String, AttributeValue> it = item("s", s("x"), "m", m("a", n(1)), "l", l(n(1)));
        assertThat(apply("REMOVE m.b, l[5], nope", it)).isEqualTo(it);
        String invalid = "The document path provided in the update expression is invalid for update";
        assertFails("REMOVE nope.a", it, invalid);
        assertFails("REMOVE m.b.c", it, invalid);
        assertFails("REMOVE l[5].x", it, invalid);
        assertFails("REMOVE s.a", it, invalid);
        assertFails("REMOVE m[0]", it, invalid);
        assertFails("REMOVE l.a", it, invalid);
    }

    @Test
    void actions_shouldReachIntoListsOfMapsAndListsOfLists() {
        Map<String, AttributeValue> it = item("grid", l(m("qty", n(1), "tags", ss("a")), l(n(0), n(1))));
        assertThat(apply("SET grid[0].qty = grid[0].qty + :one", it, ":one", n(1)))
                .containsEntry("grid", l(m("qty", n(2), "tags", ss("a")), l(n(0), n(1))));
        assertThat(apply("ADD grid[0].tags :t", it, ":t", ss("b")))
                .containsEntry("grid", l(m("qty", n(1), "tags", ss("a", "b")), l(n(0), n(1))));
        assertThat(apply("DELETE grid[0].tags :t", it, ":t", ss("a")))
                .containsEntry("grid", l(m("qty", n(1)), l(n(0), n(1))));
        assertThat(apply("REMOVE grid[1][0]", it)).containsEntry("grid", l(m("qty", n(1), "tags", ss("a")), l(n(1))));
        assertThat(apply("SET grid[1][1] = :v", it, ":v", s("x"))).containsEntry("grid", l(m("qty", n(1), "tags", ss("a")), l(n(0), s("x"))));
        assertThat(apply("SET grid[0].added = :v", it, ":v", bool(true)))
                .containsEntry("grid", l(m("qty", n(1), "tags", ss("a"), "added", bool(true)), l(n(0), n(1))));
    }

    @Test
    void set_shouldAppendToAnEmptyList_andReplaceWholeValuesOfAnyType() {
        assertThat(apply("SET l[0] = :v", item("l", l()), ":v", s("first"))).containsEntry("l", l(s("first")));
        Map<String, AttributeValue> it = item("a", ss("x"));
        assertThat(apply("SET a = :v", it, ":v", m("k", l(nul())))).containsEntry("a", m("k", l(nul())));
        assertThat(apply("SET a = :v", item(), ":v", n(1))).isEqualTo(item("a", n(1)));
    }

    @Test
    void add_shouldReportNumberRangeOverflow() {
        assertFails("ADD n :d", item("n", n("9E+125")),
                "Number overflow. Attempting to store a number with magnitude larger than supported range", ":d", n("9E+125"));
    }

    @Test
    void typeErrors_shouldLeaveTheItemUnchanged() {
        Map<String, AttributeValue> it = item("a", n(1), "s", s("x"));
        assertFails("SET a = :v ADD s :d", it, "An operand in the update expression has an incorrect data type", ":v", n(2), ":d", n(1));
        assertThat(it).isEqualTo(item("a", n(1), "s", s("x")));
    }

    @Test
    void manyActionsOnOneDocument_shouldReadTheOldItem_andAppendPastTheEndInIndexOrder() {
        // given
        Map<String, AttributeValue> before = item("a", s("k"), "b", m("a", n(1), "b", n(2), "c", n(3)), "c", l(n(1), n(3)));
        Update u = Expressions.update("set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c add c[8] :b, c[6] :a",
                Av.attrs(":a", n(2), ":b", ss("a")));
        // when
        Map<String, AttributeValue> after = u.apply(before);
        // then
        assertThat(after).isEqualTo(item("a", s("k"), "b", m("a", s("k"), "b", n(2), "c", n(4)),
                "c", l(n(1), s("k"), n(3), n(-1), n(2), ss("a"))));
        assertThat(u.updatedPaths().apply(after)).as("UPDATED_NEW: the touched indexes of the new list")
                .isEqualTo(item("b", m("a", s("k"), "c", n(4)), "c", l(s("k"), n(3), n(2))));
    }
}

package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionExpressionTest {

    private static boolean eval(String expr, Map<String, AttributeValue> item, Object... attrs) {
        return Expressions.condition("ConditionExpression", expr, Av.attrs(attrs)).test(item);
    }

    private static final Map<String, AttributeValue> ITEM = item(
            "pk", s("order#1"),
            "qty", n(5),
            "price", n("12.50"),
            "name", s("widget"),
            "bin", b(1, 2, 3),
            "tags", ss("red", "blue"),
            "sizes", ns("1", "2.5"),
            "chunks", bs(b(1), b(2)),
            "entries", l(s("a"), n(2), m("sku", s("x"))),
            "meta", m("holder", s("ann"), "dims", l(n(1), n(2), m("deep", s("yes")))),
            "flag", bool(true),
            "gone", nul());

    @Test
    void comparators_shouldOrderNumbersStringsAndBinary() {
        assertThat(eval("qty = :v", ITEM, ":v", n(5))).isTrue();
        assertThat(eval("qty = :v", ITEM, ":v", n("5.00"))).isTrue();
        assertThat(eval("qty <> :v", ITEM, ":v", n(5))).isFalse();
        assertThat(eval("qty < :v", ITEM, ":v", n(6))).isTrue();
        assertThat(eval("qty <= :v", ITEM, ":v", n(5))).isTrue();
        assertThat(eval("qty > :v", ITEM, ":v", n(5))).isFalse();
        assertThat(eval("qty >= :v", ITEM, ":v", n(5))).isTrue();
        assertThat(eval("price > :v", ITEM, ":v", n("12.4999"))).isTrue();
        assertThat(eval("#n < :v", ITEM, "#n", "name", ":v", s("widgets"))).isTrue();
        assertThat(eval("#n > :v", ITEM, "#n", "name", ":v", s("Widget"))).isTrue();
        assertThat(eval("bin < :v", ITEM, ":v", b(1, 2, 4))).isTrue();
        assertThat(eval("bin > :v", ITEM, ":v", b(0x7f))).isFalse();
        assertThat(eval("bin < :v", ITEM, ":v", b(0x80))).as("binary compares unsigned").isTrue();
    }

    @Test
    void comparison_shouldBeFalse_whenTypesDifferOrAttributeIsMissing() {
        assertThat(eval("qty = :v", ITEM, ":v", s("5"))).isFalse();
        assertThat(eval("qty < :v", ITEM, ":v", s("9"))).isFalse();
        assertThat(eval("qty <> :v", ITEM, ":v", s("5"))).isTrue();
        assertThat(eval("nope = :v", ITEM, ":v", n(1))).isFalse();
        assertThat(eval("nope < :v", ITEM, ":v", n(1))).isFalse();
        assertThat(eval("nope <> :v", ITEM, ":v", n(1))).isTrue();
        assertThat(eval("tags < :v", ITEM, ":v", ss("z"))).as("sets have no order").isFalse();
        assertThat(eval("flag > :v", ITEM, ":v", bool(false))).as("booleans have no order").isFalse();
    }

    @Test
    void equality_shouldCompareSetsMapsAndListsByValue() {
        assertThat(eval("tags = :v", ITEM, ":v", ss("blue", "red"))).isTrue();
        assertThat(eval("sizes = :v", ITEM, ":v", ns("2.50", "1.0"))).isTrue();
        assertThat(eval("chunks = :v", ITEM, ":v", bs(b(2), b(1)))).isTrue();
        assertThat(eval("entries = :v", ITEM, ":v", l(s("a"), n(2), m("sku", s("x"))))).isTrue();
        assertThat(eval("entries = :v", ITEM, ":v", l(n(2), s("a"), m("sku", s("x"))))).as("list order matters").isFalse();
        assertThat(eval("meta.dims = :v", ITEM, ":v", l(n(1), n(2), m("deep", s("yes"))))).isTrue();
        assertThat(eval("flag = :v", ITEM, ":v", bool(true))).isTrue();
        assertThat(eval("gone = :v", ITEM, ":v", nul())).isTrue();
    }

    @Test
    void documentPaths_shouldReachNestedMapsAndListElements() {
        assertThat(eval("meta.holder = :v", ITEM, ":v", s("ann"))).isTrue();
        assertThat(eval("meta.dims[1] = :v", ITEM, ":v", n(2))).isTrue();
        assertThat(eval("meta.dims[2].deep = :v", ITEM, ":v", s("yes"))).isTrue();
        assertThat(eval("#m.#d[2].#x = :v", ITEM, "#m", "meta", "#d", "dims", "#x", "deep", ":v", s("yes"))).isTrue();
        assertThat(eval("entries[2].sku = :v", ITEM, ":v", s("x"))).isTrue();
        assertThat(eval("attribute_exists(meta.dims[3])", ITEM)).isFalse();
        assertThat(eval("attribute_exists(qty.x)", ITEM)).as("a step into a number").isFalse();
        assertThat(eval("attribute_exists(meta[0])", ITEM)).as("an index into a map").isFalse();
    }

    @Test
    void attributeExists_shouldSeeWhatTheItemHas_andNoItemAtAll() {
        assertThat(eval("attribute_exists(pk)", ITEM)).isTrue();
        assertThat(eval("attribute_not_exists(pk)", ITEM)).isFalse();
        assertThat(eval("attribute_exists(gone)", ITEM)).as("a NULL value exists").isTrue();
        assertThat(eval("attribute_not_exists(pk)", null)).isTrue();
        assertThat(eval("attribute_not_exists(pk)", Map.of())).isTrue();
        assertThat(eval("attribute_exists(pk)", null)).isFalse();
    }

    @Test
    void attributeType_shouldMatchTheStoredType() {
        assertThat(eval("attribute_type(qty, :t)", ITEM, ":t", s("N"))).isTrue();
        assertThat(eval("attribute_type(qty, :t)", ITEM, ":t", s("S"))).isFalse();
        assertThat(eval("attribute_type(tags, :t)", ITEM, ":t", s("SS"))).isTrue();
        assertThat(eval("attribute_type(meta, :t)", ITEM, ":t", s("M"))).isTrue();
        assertThat(eval("attribute_type(entries, :t)", ITEM, ":t", s("L"))).isTrue();
        assertThat(eval("attribute_type(gone, :t)", ITEM, ":t", s("NULL"))).isTrue();
        assertThat(eval("attribute_type(flag, :t)", ITEM, ":t", s("BOOL"))).isTrue();
        assertThat(eval("attribute_type(nope, :t)", ITEM, ":t", s("NULL"))).isFalse();
    }

    @Test
    void beginsWith_shouldMatchStringAndBinaryPrefixes() {
        assertThat(eval("begins_with(pk, :p)", ITEM, ":p", s("order#"))).isTrue();
        assertThat(eval("begins_with(pk, :p)", ITEM, ":p", s("order#1"))).isTrue();
        assertThat(eval("begins_with(pk, :p)", ITEM, ":p", s("order#12"))).isFalse();
        assertThat(eval("begins_with(bin, :p)", ITEM, ":p", b(1, 2))).isTrue();
        assertThat(eval("begins_with(bin, :p)", ITEM, ":p", b(2))).isFalse();
        assertThat(eval("begins_with(pk, :p)", ITEM, ":p", b(1))).as("types differ").isFalse();
        assertThat(eval("begins_with(nope, :p)", ITEM, ":p", s(""))).isFalse();
    }

    @Test
    void contains_shouldFindSubstringsSetMembersAndListElements() {
        assertThat(eval("contains(#n, :v)", ITEM, "#n", "name", ":v", s("dge"))).isTrue();
        assertThat(eval("contains(#n, :v)", ITEM, "#n", "name", ":v", s("xyz"))).isFalse();
        assertThat(eval("contains(tags, :v)", ITEM, ":v", s("red"))).isTrue();
        assertThat(eval("contains(tags, :v)", ITEM, ":v", s("re"))).as("members, not substrings").isFalse();
        assertThat(eval("contains(sizes, :v)", ITEM, ":v", n("2.50"))).isTrue();
        assertThat(eval("contains(chunks, :v)", ITEM, ":v", b(2))).isTrue();
        assertThat(eval("contains(entries, :v)", ITEM, ":v", n(2))).isTrue();
        assertThat(eval("contains(entries, :v)", ITEM, ":v", m("sku", s("x")))).isTrue();
        assertThat(eval("contains(entries, :v)", ITEM, ":v", s("b"))).isFalse();
        assertThat(eval("contains(qty, :v)", ITEM, ":v", n(5))).as("a number contains nothing").isFalse();
        assertThat(eval("contains(tags, :v)", ITEM, ":v", n(1))).isFalse();
    }

    @Test
    void size_shouldMeasureEachTypeAndCompareAsANumber() {
        assertThat(eval("size(#n) = :v", ITEM, "#n", "name", ":v", n(6))).isTrue();
        assertThat(eval("size(bin) = :v", ITEM, ":v", n(3))).isTrue();
        assertThat(eval("size(tags) = :v", ITEM, ":v", n(2))).isTrue();
        assertThat(eval("size(entries) = :v", ITEM, ":v", n(3))).isTrue();
        assertThat(eval("size(meta) = :v", ITEM, ":v", n(2))).isTrue();
        assertThat(eval("size(meta.dims) > :v", ITEM, ":v", n(2))).isTrue();
        assertThat(eval("size(qty) = :v", ITEM, ":v", n(1))).as("a number has no size").isFalse();
        assertThat(eval("size(nope) = :v", ITEM, ":v", n(0))).isFalse();
        assertThat(eval(":v < size(entries)", ITEM, ":v", n(2))).isTrue();
        assertThat(eval("size(entries) BETWEEN :a AND :b", ITEM, ":a", n(1), ":b", n(3))).isTrue();
        assertThat(eval("size(entries) IN (:a, :b)", ITEM, ":a", n(1), ":b", n(3))).isTrue();
        assertThat(eval("size(s) = :v", item("s", s("é€😀")), ":v", n(2 + 3 + 4))).as("UTF-8 bytes").isTrue();
    }

    @Test
    void between_shouldIncludeBothBounds_andIn_shouldMatchAnyCandidate() {
        assertThat(eval("qty BETWEEN :a AND :b", ITEM, ":a", n(5), ":b", n(5))).isTrue();
        assertThat(eval("qty BETWEEN :a AND :b", ITEM, ":a", n(1), ":b", n(4))).isFalse();
        assertThat(eval("qty BETWEEN :a AND :b", ITEM, ":a", s("1"), ":b", s("9"))).isFalse();
        assertThat(eval("#n BETWEEN :a AND :b", ITEM, "#n", "name", ":a", s("w"), ":b", s("x"))).isTrue();
        assertThat(eval("qty IN (:a, :b, :c)", ITEM, ":a", n(1), ":b", s("5"), ":c", n(5))).isTrue();
        assertThat(eval("qty IN (:a)", ITEM, ":a", n(1))).isFalse();
        assertThat(eval("nope IN (:a)", ITEM, ":a", nul())).isFalse();
        assertThat(eval("tags IN (:a)", ITEM, ":a", ss("red", "blue"))).isTrue();
    }

    @Test
    void precedence_shouldBindNotThenAndThenOr() {
        // a OR b AND c  ==  a OR (b AND c)
        Map<String, AttributeValue> it = item("a", n(1), "b", n(0), "c", n(0));
        assertThat(eval("a = :one OR b = :one AND c = :one", it, ":one", n(1))).isTrue();
        assertThat(eval("(a = :one OR b = :one) AND c = :one", it, ":one", n(1))).isFalse();
        // NOT a AND b  ==  (NOT a) AND b
        assertThat(eval("NOT a = :one AND b = :one", it, ":one", n(1))).isFalse();
        assertThat(eval("NOT (a = :zero AND b = :one)", it, ":zero", n(0), ":one", n(1))).isTrue();
        assertThat(eval("NOT NOT a = :one", it, ":one", n(1))).isTrue();
        // BETWEEN's AND belongs to BETWEEN
        assertThat(eval("a BETWEEN :zero AND :one AND b = :zero", it, ":zero", n(0), ":one", n(1))).isTrue();
        assertThat(eval("a = :zero OR a BETWEEN :zero AND :one", it, ":zero", n(0), ":one", n(1))).isTrue();
    }

    @Test
    void keywords_shouldBeCaseInsensitive() {
        Map<String, AttributeValue> it = item("a", n(1), "b", n(2));
        assertThat(eval("a = :one and not b = :one or a between :one And :one", it, ":one", n(1))).isTrue();
        assertThat(eval("a in (:one)", it, ":one", n(1))).isTrue();
    }

    @Test
    void parenthesisedConditions_shouldBeAccepted_whenNotRedundant() {
        Map<String, AttributeValue> it = item("a", n(1));
        assertThat(eval("(attribute_exists(a)) AND (attribute_not_exists(b))", it)).isTrue();
        assertThat(eval("(attribute_exists(a) AND attribute_not_exists(b))", it)).isTrue();
        assertThat(eval("(attribute_exists(a) AND (attribute_not_exists(b)))", it)).isTrue();
        assertThat(eval("NOT (NOT (a = :one))", it, ":one", n(1))).isTrue();
    }

    @Test
    void whitespace_shouldNotMatter() {
        Map<String, AttributeValue> it = item("a", l(n(1), n(2)));
        assertThat(eval("a[1]=:v", it, ":v", n(2))).isTrue();
        assertThat(eval("  a [ 1 ]\t=\n:v  ", it, ":v", n(2))).isTrue();
        assertThat(eval("size(a)>=:v", it, ":v", n(2))).isTrue();
    }

    @Test
    void parsedCondition_shouldBeReusable_acrossItems() {
        Condition c = Expressions.condition("FilterExpression", "qty > :min", Av.attrs(":min", n(3)));
        assertThat(c.test(item("qty", n(4)))).isTrue();
        assertThat(c.test(item("qty", n(2)))).isFalse();
        assertThat(c.test(item())).isFalse();
    }
}

package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.model.AttributeValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the expression language over random expressions and random items: nothing but
 * a DynamoDbException ever escapes, and the logical operators mean what they say.
 */
class ExpressionPropertiesTest {

    private static final List<String> TOKENS = List.of(
            "a", "b.c", "d[0]", "d[1].x", "#n", ":v", ":w", ":missing", "(", ")", "[", "]", "0", "7", ",", ".",
            "=", "<>", "<", "<=", ">", ">=", "+", "-", "AND", "OR", "NOT", "BETWEEN", "IN", "and",
            "size", "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains",
            "list_append", "if_not_exists", "foo", "SET", "REMOVE", "ADD", "DELETE", "status", "!", "\"", "#", ":", "é");

    /** Placeholder values shared by every generated expression. */
    private static ExpressionAttributes attributes(AttributeValue v, AttributeValue w) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":v", v);
        values.put(":w", w);
        values.put(":s", s("a"));
        values.put(":n", n(1));
        values.put(":t", s("N"));
        return new ExpressionAttributes(Map.of("#n", "name", "#r", "status"), values);
    }

    // ---- generators

    private static Arbitrary<AttributeValue> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "a", "ab", "b", "z").map(Av::s),
                Arbitraries.integers().between(-3, 3).map(i -> (AttributeValue) n(i)),
                Arbitraries.of(b(), b(1), b(1, 2), b(0x80)).map(x -> (AttributeValue) x),
                Arbitraries.of(bool(true), bool(false), nul()).map(x -> (AttributeValue) x));
    }

    private static Arbitrary<AttributeValue> value() {
        Arbitrary<AttributeValue> sets = Arbitraries.oneOf(
                Arbitraries.of(ss("a"), ss("a", "b"), ns("1"), ns("1", "2"), bs(b(1))).map(x -> (AttributeValue) x));
        Arbitrary<AttributeValue> lists = scalar().list().ofMaxSize(3).map(l -> (AttributeValue) new AttributeValue.L(l));
        Arbitrary<AttributeValue> maps = scalar().map(x -> (AttributeValue) m("x", x));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalar()), net.jqwik.api.Tuple.of(2, sets),
                net.jqwik.api.Tuple.of(2, lists), net.jqwik.api.Tuple.of(2, maps));
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> items() {
        Arbitrary<AttributeValue> maybe = value().injectNull(0.25);
        return Combinators.combine(maybe, maybe, maybe, maybe, maybe, maybe).as((a, bb, c, d, name, status) -> {
            Map<String, AttributeValue> it = new LinkedHashMap<>();
            if (a != null) it.put("a", a);
            if (bb != null) it.put("b", m("c", bb));
            if (c != null) it.put("c", c);
            if (d != null) it.put("d", l(d, m("x", d)));
            if (name != null) it.put("name", name);
            if (status != null) it.put("status", status);
            return it;
        });
    }

    @Provide
    Arbitrary<AttributeValue> values() {
        return value();
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(12).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> conditions() {
        Arbitrary<String> path = Arbitraries.of("a", "b.c", "c", "d[0]", "d[1].x", "#n", "#r", "nope");
        Arbitrary<String> atom = Combinators.combine(path, Arbitraries.integers().between(0, 12)).as((p, k) -> switch (k) {
            case 0 -> p + " = :v";
            case 1 -> p + " <> :v";
            case 2 -> p + " < :v";
            case 3 -> p + " <= :w";
            case 4 -> p + " > :v";
            case 5 -> p + " >= :w";
            case 6 -> p + " BETWEEN :v AND :w";
            case 7 -> p + " IN (:v, :w)";
            case 8 -> "attribute_exists(" + p + ")";
            case 9 -> "attribute_not_exists(" + p + ")";
            case 10 -> "begins_with(" + p + ", :s)";
            case 11 -> "contains(" + p + ", :v)";
            default -> "size(" + p + ") > :n";
        });
        return Arbitraries.recursive(() -> atom, inner -> Arbitraries.oneOf(
                Combinators.combine(inner, inner).as((x, y) -> "(" + x + ") AND (" + y + ")"),
                Combinators.combine(inner, inner).as((x, y) -> "(" + x + ") OR (" + y + ")"),
                inner.map(x -> "NOT (" + x + ")")), 3);
    }

    /**
     * Evaluates with :v and :w of one type and in ascending order when they are comparable
     * (DynamoDB rejects BETWEEN :hi AND :lo and bounds of two types); the adjustment depends only on v and w.
     */
    private static boolean test(String expr, Map<String, AttributeValue> item, AttributeValue v, AttributeValue w) {
        if (!v.type().equals(w.type())) {
            w = v;
        }
        Integer order = dev.meridian.dynamodb.model.Values.compare(v, w);
        if (order != null && order > 0) {
            AttributeValue swap = v;
            v = w;
            w = swap;
        }
        return Expressions.condition("FilterExpression", expr, attributes(v, w)).test(item);
    }

    // ---- properties

    @Property(tries = 400)
    void anyTokenSoup_shouldParseOrFailWithADynamoDbException_andEvaluateWithoutOtherErrors(
            @ForAll("junk") String expr, @ForAll("items") Map<String, AttributeValue> item) {
        ExpressionAttributes attrs = attributes(n(1), s("a"));
        Object[] results = new Object[4];
        results[0] = attempt(() -> Expressions.condition("ConditionExpression", expr, attrs).test(item));
        results[1] = attempt(() -> Expressions.update(expr, attrs).apply(item));
        results[2] = attempt(() -> Expressions.projection(expr, attrs).apply(item));
        results[3] = attempt(() -> Expressions.keyCondition(expr, attrs));
        for (Object r : results) {
            if (r instanceof Throwable t) {
                assertThat(t).as("expression %s", expr).isInstanceOf(DynamoDbException.class);
                assertThat(((DynamoDbException) t).type()).isEqualTo("ValidationException");
                assertThat(t.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 200)
    void anyCharacters_shouldNeverEscapeAsAnythingButADynamoDbException(@ForAll String expr) {
        Object r = attempt(() -> Expressions.condition("ConditionExpression", expr, ExpressionAttributes.none()));
        if (r instanceof Throwable t) {
            assertThat(t).isInstanceOf(DynamoDbException.class);
        }
    }

    @Property(tries = 300)
    void not_shouldBeTheComplement(@ForAll("conditions") String c, @ForAll("items") Map<String, AttributeValue> item,
                                   @ForAll("values") AttributeValue v, @ForAll("values") AttributeValue w) {
        assertThat(test("NOT (" + c + ")", item, v, w)).isEqualTo(!test(c, item, v, w));
    }

    @Property(tries = 300)
    void andOr_shouldCombineAsBooleans_withAndBindingTighter(
            @ForAll("conditions") String x, @ForAll("conditions") String y, @ForAll("conditions") String z,
            @ForAll("items") Map<String, AttributeValue> item, @ForAll("values") AttributeValue v, @ForAll("values") AttributeValue w) {
        boolean bx = test(x, item, v, w);
        boolean by = test(y, item, v, w);
        boolean bz = test(z, item, v, w);
        String px = "(" + x + ")";
        String py = "(" + y + ")";
        String pz = "(" + z + ")";
        assertThat(test(px + " AND " + py, item, v, w)).isEqualTo(bx && by);
        assertThat(test(px + " OR " + py, item, v, w)).isEqualTo(bx || by);
        assertThat(test(px + " OR " + py + " AND " + pz, item, v, w)).isEqualTo(bx || (by && bz));
        assertThat(test(px + " AND " + py + " OR " + pz, item, v, w)).isEqualTo((bx && by) || bz);
        assertThat(test("NOT " + px + " AND " + py, item, v, w)).isEqualTo(!bx && by);
        assertThat(test("NOT (" + px + " AND " + py + ")", item, v, w)).isEqualTo(test("NOT " + px + " OR NOT " + py, item, v, w));
    }

    @Property(tries = 300)
    void derivedOperators_shouldAgreeWithTheirDefinitions(@ForAll("items") Map<String, AttributeValue> item,
                                                          @ForAll("values") AttributeValue v, @ForAll("values") AttributeValue w) {
        for (String p : List.of("a", "b.c", "c", "d[0]", "d[1].x", "nope")) {
            assertThat(test(p + " <> :v", item, v, w)).isEqualTo(test("NOT " + p + " = :v", item, v, w));
            assertThat(test(p + " IN (:v, :w)", item, v, w)).isEqualTo(test(p + " = :v OR " + p + " = :w", item, v, w));
            assertThat(test(p + " BETWEEN :v AND :w", item, v, w)).isEqualTo(test(p + " >= :v AND " + p + " <= :w", item, v, w));
            assertThat(test(p + " < :v", item, v, w)).isEqualTo(test(":v > " + p, item, v, w));
            boolean lt = test(p + " < :v", item, v, w);
            boolean eq = test(p + " = :v", item, v, w);
            boolean gt = test(p + " > :v", item, v, w);
            assertThat((lt ? 1 : 0) + (eq ? 1 : 0) + (gt ? 1 : 0)).as("at most one of < = >").isLessThanOrEqualTo(1);
            assertThat(test(p + " <= :v", item, v, w)).isEqualTo(lt || (eq && hasOrder(v)));
            assertThat(test("attribute_exists(" + p + ")", item, v, w)).isNotEqualTo(test("attribute_not_exists(" + p + ")", item, v, w));
        }
    }

    /** Whether the value has an order (S, N, B), so that equal also means less-or-equal. */
    private static boolean hasOrder(AttributeValue v) {
        return v instanceof AttributeValue.S || v instanceof AttributeValue.N || v instanceof AttributeValue.B;
    }

    @Property(tries = 200)
    void set_thenConditionOnTheSamePath_shouldHold(@ForAll("items") Map<String, AttributeValue> item, @ForAll("values") AttributeValue v) {
        ExpressionAttributes attrs = attributes(v, n(0));
        Map<String, AttributeValue> after = Expressions.update("SET a = :v, #r = :v REMOVE c", attrs).apply(item);
        assertThat(Expressions.condition("ConditionExpression", "a = :v AND #r = :v AND attribute_not_exists(c)", attrs).test(after)).isTrue();
        assertThat(after.get("b")).isEqualTo(item.get("b"));
    }

    @Property(tries = 200)
    void addingTwice_shouldEqualAddingTheSum(@ForAll("items") Map<String, AttributeValue> item,
                                             @ForAll long x, @ForAll long y) {
        Map<String, AttributeValue> start = new LinkedHashMap<>(item);
        start.put("n", n(x % 1_000_000_000L));
        ExpressionAttributes attrs = new ExpressionAttributes(null, Map.of(":x", n(x), ":y", n(y), ":sum",
                new AttributeValue.N(java.math.BigDecimal.valueOf(x).add(java.math.BigDecimal.valueOf(y)))));
        Map<String, AttributeValue> twice = Expressions.update("ADD n :x", attrs).apply(Expressions.update("ADD n :y", attrs).apply(start));
        Map<String, AttributeValue> once = Expressions.update("ADD n :sum", attrs).apply(start);
        Map<String, AttributeValue> viaSet = Expressions.update("SET n = n + :x", attrs).apply(Expressions.update("SET n = n + :y", attrs).apply(start));
        assertThat(twice).isEqualTo(once).isEqualTo(viaSet);
    }

    @Property(tries = 200)
    void projectingEveryAttribute_shouldGiveTheItemBack(@ForAll("items") Map<String, AttributeValue> item) {
        ExpressionAttributes attrs = attributes(n(0), n(0));
        assertThat(Expressions.projection("a, b, c, d, #n, #r", attrs).apply(item)).isEqualTo(item);
        Map<String, AttributeValue> nested = Expressions.projection("b.c, d[0], d[1].x", attrs).apply(item);
        if (item.containsKey("b")) assertThat(nested.get("b")).isEqualTo(item.get("b"));
        if (item.containsKey("d")) assertThat(nested.get("d")).isEqualTo(item.get("d"));
    }

    @Property(tries = 200)
    void removingListIndexes_shouldRemoveThoseElementsOfTheListBeforeTheUpdate(
            @ForAll("listsAndIndexes") net.jqwik.api.Tuple.Tuple2<Integer, java.util.Set<Integer>> sizeAndIndexes) {
        int size = sizeAndIndexes.get1();
        java.util.Set<Integer> indexes = sizeAndIndexes.get2();
        List<AttributeValue> elements = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) elements.add(n(i));
        StringBuilder expr = new StringBuilder("REMOVE ");
        List<Integer> shuffled = new java.util.ArrayList<>(indexes);
        java.util.Collections.shuffle(shuffled, new java.util.Random(size));
        for (int i = 0; i < shuffled.size(); i++) expr.append(i == 0 ? "" : ", ").append("l[").append(shuffled.get(i)).append(']');
        Map<String, AttributeValue> after = Expressions.update(expr.toString(), ExpressionAttributes.none())
                .apply(Map.of("l", new AttributeValue.L(elements)));
        List<AttributeValue> expected = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) if (!indexes.contains(i)) expected.add(n(i));
        assertThat(after.get("l")).isEqualTo(new AttributeValue.L(expected));
    }

    @Provide
    Arbitrary<net.jqwik.api.Tuple.Tuple2<Integer, java.util.Set<Integer>>> listsAndIndexes() {
        return Arbitraries.integers().between(0, 12).flatMap(size ->
                Arbitraries.integers().between(0, 15).set().ofMinSize(1).ofMaxSize(6).map(set -> net.jqwik.api.Tuple.of(size, set)));
    }

    @Property(tries = 200)
    void settingListIndexes_shouldReplaceInsideTheList_andAppendPastItsEnd_inIndexOrder(
            @ForAll("listsAndIndexes") net.jqwik.api.Tuple.Tuple2<Integer, java.util.Set<Integer>> sizeAndIndexes) {
        int size = sizeAndIndexes.get1();
        List<AttributeValue> elements = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) elements.add(n(i));
        List<Integer> sorted = new java.util.ArrayList<>(new java.util.TreeSet<>(sizeAndIndexes.get2()));
        StringBuilder expr = new StringBuilder("SET ");
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            expr.append(i == 0 ? "" : ", ").append("l[").append(sorted.get(i)).append("] = :v").append(i);
            values.put(":v" + i, s("x" + sorted.get(i)));
        }
        Map<String, AttributeValue> after = Expressions.update(expr.toString(), new ExpressionAttributes(null, values))
                .apply(Map.of("l", new AttributeValue.L(elements)));
        List<AttributeValue> expected = new java.util.ArrayList<>(elements);
        for (int index : sorted) {
            if (index < expected.size() && index < size) expected.set(index, s("x" + index));
            else expected.add(s("x" + index));
        }
        assertThat(after.get("l")).isEqualTo(new AttributeValue.L(expected));
    }

    private static Object attempt(java.util.function.Supplier<Object> action) {
        try {
            return action.get();
        } catch (RuntimeException | StackOverflowError e) {
            return e;
        }
    }
}

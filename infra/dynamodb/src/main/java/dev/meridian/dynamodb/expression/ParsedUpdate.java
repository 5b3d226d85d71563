package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.expression.UpdateTree.Action;
import dev.meridian.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed update. Every right-hand side is evaluated against the item as it was before the
 * update; then the writes are applied (in path order, so list appends keep their order) and
 * the removals last, highest list index first, so each index means the element it named.
 */
final class ParsedUpdate implements Update {

    private final List<Action> writes;
    private final List<UpdateTree.RemoveAction> removals;
    private final Set<String> topLevel;
    private final Set<String> nested;
    private final Projection updatedPaths;

    ParsedUpdate(List<Action> actions) {
        List<Action> w = new ArrayList<>();
        List<UpdateTree.RemoveAction> r = new ArrayList<>();
        Set<String> top = new LinkedHashSet<>();
        Set<String> below = new LinkedHashSet<>();
        List<DocumentPath> paths = new ArrayList<>(actions.size());
        for (Action a : actions) {
            if (a instanceof UpdateTree.RemoveAction remove) r.add(remove);
            else w.add(a);
            top.add(a.path().topLevel());
            if (!a.path().isTopLevel()) below.add(a.path().topLevel());
            paths.add(a.path());
        }
        w.sort(Comparator.comparing(Action::path));
        r.sort(Comparator.comparing(UpdateTree.RemoveAction::path).reversed());
        this.writes = List.copyOf(w);
        this.removals = List.copyOf(r);
        this.topLevel = Set.copyOf(top);
        this.nested = Set.copyOf(below);
        this.updatedPaths = ProjectionTree.of(paths);
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> before = item == null ? Map.of() : item;
        AttributeValue[] values = new AttributeValue[writes.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = compute(writes.get(i), before);
        }
        Map<String, AttributeValue> after = new LinkedHashMap<>(before);
        for (int i = 0; i < values.length; i++) {
            Action a = writes.get(i);
            if (values[i] != null) {
                Documents.set(after, a.path(), values[i]);
            } else if (a instanceof UpdateTree.DeleteAction && a.path().resolve(before) != null) {
                Documents.remove(after, a.path());
            }
        }
        for (UpdateTree.RemoveAction r : removals) {
            Documents.remove(after, r.path());
        }
        return after;
    }

    /** The value an action writes, or null when it writes nothing (a DELETE leaving nothing or finding nothing). */
    private static AttributeValue compute(Action a, Map<String, AttributeValue> before) {
        if (a instanceof UpdateTree.SetAction set) {
            return set.value().evaluate(before);
        }
        AttributeValue current = a.path().resolve(before);
        if (a instanceof UpdateTree.AddAction add) {
            return add(current, add.value());
        }
        return delete(current, ((UpdateTree.DeleteAction) a).value());
    }

    private static AttributeValue add(AttributeValue current, AttributeValue operand) {
        if (operand instanceof AttributeValue.N n) {
            if (current == null) return UpdateTree.number(n.value());
            if (current instanceof AttributeValue.N c) return UpdateTree.number(c.value().add(n.value()));
            throw incorrectType();
        }
        if (current == null) {
            if (UpdateParser.isSet(operand)) return operand;
            throw incorrectType();
        }
        if (current instanceof AttributeValue.SS c && operand instanceof AttributeValue.SS o) {
            Set<String> union = new LinkedHashSet<>(c.values());
            union.addAll(o.values());
            return new AttributeValue.SS(union);
        }
        if (current instanceof AttributeValue.NS c && operand instanceof AttributeValue.NS o) {
            Set<BigDecimal> union = new LinkedHashSet<>(c.values());
            union.addAll(o.values());
            return new AttributeValue.NS(union);
        }
        if (current instanceof AttributeValue.BS c && operand instanceof AttributeValue.BS o) {
            Set<AttributeValue.B> union = new LinkedHashSet<>(c.values());
            union.addAll(o.values());
            return new AttributeValue.BS(union);
        }
        throw incorrectType();
    }

    private static AttributeValue delete(AttributeValue current, AttributeValue operand) {
        if (!UpdateParser.isSet(operand)) {
            throw incorrectType();
        }
        if (current == null) {
            return null;
        }
        if (current instanceof AttributeValue.SS c && operand instanceof AttributeValue.SS o) {
            Set<String> rest = new LinkedHashSet<>(c.values());
            rest.removeAll(o.values());
            return rest.isEmpty() ? null : new AttributeValue.SS(rest);
        }
        if (current instanceof AttributeValue.NS c && operand instanceof AttributeValue.NS o) {
            Set<BigDecimal> rest = new LinkedHashSet<>(c.values());
            rest.removeAll(o.values());
            return rest.isEmpty() ? null : new AttributeValue.NS(rest);
        }
        if (current instanceof AttributeValue.BS c && operand instanceof AttributeValue.BS o) {
            Set<AttributeValue.B> rest = new LinkedHashSet<>(c.values());
            rest.removeAll(o.values());
            return rest.isEmpty() ? null : new AttributeValue.BS(rest);
        }
        throw incorrectType();
    }

    private static ExpressionException incorrectType() {
        return new ExpressionException(UpdateTree.INCORRECT_TYPE, -1);
    }

    @Override
    public Set<String> topLevelAttributes() {
        return topLevel;
    }

    @Override
    public Set<String> nestedAttributes() {
        return nested;
    }

    @Override
    public Projection updatedPaths() {
        return updatedPaths;
    }
}

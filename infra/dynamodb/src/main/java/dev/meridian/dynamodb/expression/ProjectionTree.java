package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Disjoint document paths merged into a tree. Applying it keeps each projected value and the
 * structure leading to it: {@code a.b} of {@code {a: {b, c}}} gives {@code {a: {b}}}, and
 * {@code a[1]} of a list gives a list holding just that element (several indexes: in index order).
 */
final class ProjectionTree implements Projection {

    private static final class Node {
        boolean whole;
        Map<String, Node> keys;
        TreeMap<Integer, Node> indexes;
    }

    private final Node root = new Node();
    private final Set<String> topLevel;

    private ProjectionTree(List<DocumentPath> paths) {
        Set<String> top = new LinkedHashSet<>();
        for (DocumentPath p : paths) {
            top.add(p.topLevel());
            Node node = root;
            for (DocumentPath.Element e : p.elements()) {
                if (e instanceof DocumentPath.Key k) {
                    if (node.keys == null) node.keys = new LinkedHashMap<>();
                    node = node.keys.computeIfAbsent(k.name(), x -> new Node());
                } else {
                    if (node.indexes == null) node.indexes = new TreeMap<>();
                    node = node.indexes.computeIfAbsent(((DocumentPath.Index) e).index(), x -> new Node());
                }
            }
            node.whole = true;
        }
        this.topLevel = Collections.unmodifiableSet(top);
    }

    /** The paths must already be disjoint (checked by the parser). */
    static ProjectionTree of(List<DocumentPath> paths) {
        return new ProjectionTree(paths);
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (item == null || item.isEmpty()) {
            return out;
        }
        for (Map.Entry<String, Node> e : root.keys.entrySet()) {
            AttributeValue v = item.get(e.getKey());
            if (v != null) {
                AttributeValue projected = project(v, e.getValue());
                if (projected != null) out.put(e.getKey(), projected);
            }
        }
        return out;
    }

    private static AttributeValue project(AttributeValue v, Node node) {
        if (node.whole) {
            return v;
        }
        if (node.keys != null && v instanceof AttributeValue.M m) {
            Map<String, AttributeValue> out = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : node.keys.entrySet()) {
                AttributeValue child = m.values().get(e.getKey());
                if (child != null) {
                    AttributeValue projected = project(child, e.getValue());
                    if (projected != null) out.put(e.getKey(), projected);
                }
            }
            return out.isEmpty() ? null : new AttributeValue.M(out);
        }
        if (node.indexes != null && v instanceof AttributeValue.L l) {
            List<AttributeValue> out = new ArrayList<>();
            for (Map.Entry<Integer, Node> e : node.indexes.entrySet()) {
                if (e.getKey() >= l.values().size()) break;
                AttributeValue projected = project(l.values().get(e.getKey()), e.getValue());
                if (projected != null) out.add(projected);
            }
            return out.isEmpty() ? null : new AttributeValue.L(out);
        }
        return null;
    }

    @Override
    public Set<String> topLevelAttributes() {
        return topLevel;
    }
}

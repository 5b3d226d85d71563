package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * A resolved document path: a top-level attribute name followed by map keys and list indexes
 * ({@code a.b[3].c}). Placeholders are already replaced by the names they stand for.
 */
record DocumentPath(List<Element> elements) implements Comparable<DocumentPath> {

    /** DynamoDB's limit on the nesting levels of a document path. */
    static final int MAX_DEPTH = 32;

    sealed interface Element permits Key, Index {
    }

    record Key(String name) implements Element {
        @Override public String toString() { return name; }
    }

    record Index(int index) implements Element {
        @Override public String toString() { return "[" + index + "]"; }
    }

    DocumentPath {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.get(0) instanceof Key)) {
            throw new IllegalArgumentException("a document path starts with an attribute name: " + elements);
        }
    }

    static DocumentPath of(String topLevel) {
        return new DocumentPath(List.of(new Key(topLevel)));
    }

    String topLevel() {
        return ((Key) elements.get(0)).name();
    }

    int depth() {
        return elements.size();
    }

    boolean isTopLevel() {
        return elements.size() == 1;
    }

    /** The value at this path in the item, or null when the item has none (or a step has the wrong type). */
    AttributeValue resolve(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        List<Element> els = elements;
        AttributeValue v = item.get(((Key) els.get(0)).name());
        for (int i = 1, n = els.size(); i < n && v != null; i++) {
            v = step(v, els.get(i));
        }
        return v;
    }

    static AttributeValue step(AttributeValue v, Element e) {
        if (e instanceof Key k) {
            return v instanceof AttributeValue.M m ? m.values().get(k.name()) : null;
        }
        int idx = ((Index) e).index();
        if (v instanceof AttributeValue.L l) {
            List<AttributeValue> values = l.values();
            return idx < values.size() ? values.get(idx) : null;
        }
        return null;
    }

    /** As DynamoDB prints a path in its messages: {@code [a, b, [1]]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(elements.get(i));
        }
        return sb.append(']').toString();
    }

    /** Element-wise order: names by string, indexes by number, a name before an index; a prefix first. */
    @Override
    public int compareTo(DocumentPath other) {
        int n = Math.min(elements.size(), other.elements.size());
        for (int i = 0; i < n; i++) {
            int c = compare(elements.get(i), other.elements.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(elements.size(), other.elements.size());
    }

    static int compare(Element a, Element b) {
        if (a instanceof Key x && b instanceof Key y) return x.name().compareTo(y.name());
        if (a instanceof Index x && b instanceof Index y) return Integer.compare(x.index(), y.index());
        return a instanceof Key ? -1 : 1;
    }

    /**
     * The problem with two paths of one expression, or null when they are pairwise disjoint: paths
     * that overlap (one is the other or lies inside it) come first, then paths that conflict (one
     * indexes a list where the other names a map key); each new path is compared with those
     * before it, as DynamoDB reports them.
     */
    static ExpressionException overlap(String kind, List<DocumentPath> paths) {
        ExpressionException conflict = null;
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                DocumentPath a = paths.get(i);
                DocumentPath b = paths.get(j);
                int n = Math.min(a.depth(), b.depth());
                boolean diverged = false;
                boolean conflicting = false;
                for (int k = 0; k < n && !diverged && !conflicting; k++) {
                    Element x = a.elements.get(k);
                    Element y = b.elements.get(k);
                    conflicting = x.getClass() != y.getClass();
                    diverged = !x.equals(y);
                }
                if (conflicting) {
                    if (conflict == null) {
                        conflict = new ExpressionException("Invalid " + kind + ": Two document paths conflict with each other;"
                                + " must remove or rewrite one of these paths; path one: " + a + ", path two: " + b, -1);
                    }
                } else if (!diverged) {
                    return new ExpressionException("Invalid " + kind + ": Two document paths overlap with each other;"
                            + " must remove or rewrite one of these paths; path one: " + a + ", path two: " + b, -1);
                }
            }
        }
        return conflict;
    }
}

package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes into and removes from nested documents. Attribute values are immutable, so a write
 * below the top level rebuilds the maps and lists along its path and nothing else.
 */
final class Documents {

    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

    private Documents() {
    }

    /**
     * Sets the value at the path in the (mutable) item. Every step but the last must exist and
     * have the right type; an index past the end of a list appends.
     */
    static void set(Map<String, AttributeValue> item, DocumentPath path, AttributeValue value) {
        String top = path.topLevel();
        if (path.isTopLevel()) {
            item.put(top, value);
            return;
        }
        AttributeValue current = item.get(top);
        if (current == null) {
            throw invalidPath();
        }
        item.put(top, setIn(current, path.elements(), 1, value));
    }

    private static AttributeValue setIn(AttributeValue container, List<DocumentPath.Element> path, int i, AttributeValue value) {
        DocumentPath.Element e = path.get(i);
        boolean last = i == path.size() - 1;
        if (e instanceof DocumentPath.Key key) {
            if (!(container instanceof AttributeValue.M m)) {
                throw invalidPath();
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
            if (last) {
                copy.put(key.name(), value);
            } else {
                AttributeValue child = copy.get(key.name());
                if (child == null) {
                    throw invalidPath();
                }
                copy.put(key.name(), setIn(child, path, i + 1, value));
            }
            return new AttributeValue.M(copy);
        }
        int index = ((DocumentPath.Index) e).index();
        if (!(container instanceof AttributeValue.L l)) {
            throw invalidPath();
        }
        List<AttributeValue> copy = new ArrayList<>(l.values());
        if (last) {
            if (index < copy.size()) {
                copy.set(index, value);
            } else {
                copy.add(value);
            }
        } else {
            if (index >= copy.size()) {
                throw invalidPath();
            }
            copy.set(index, setIn(copy.get(index), path, i + 1, value));
        }
        return new AttributeValue.L(copy);
    }

    /**
     * Removes the value at the path; removing what is not there (the attribute, a map key, an
     * index past the end) changes nothing, but as for a write, every step before the last must
     * exist with the right type. A removed list element shifts the rest down.
     */
    static void remove(Map<String, AttributeValue> item, DocumentPath path) {
        String top = path.topLevel();
        if (path.isTopLevel()) {
            item.remove(top);
            return;
        }
        AttributeValue current = item.get(top);
        if (current == null) {
            throw invalidPath();
        }
        AttributeValue updated = removeIn(current, path.elements(), 1);
        if (updated != current) {
            item.put(top, updated);
        }
    }

    private static AttributeValue removeIn(AttributeValue container, List<DocumentPath.Element> path, int i) {
        DocumentPath.Element e = path.get(i);
        boolean last = i == path.size() - 1;
        if (e instanceof DocumentPath.Key key) {
            if (!(container instanceof AttributeValue.M m)) {
                throw invalidPath();
            }
            AttributeValue child = m.values().get(key.name());
            if (child == null) {
                if (last) return container;
                throw invalidPath();
            }
            Map<String, AttributeValue> copy = new LinkedHashMap<>(m.values());
            if (last) {
                copy.remove(key.name());
            } else {
                AttributeValue updated = removeIn(child, path, i + 1);
                if (updated == child) return container;
                copy.put(key.name(), updated);
            }
            return new AttributeValue.M(copy);
        }
        int index = ((DocumentPath.Index) e).index();
        if (!(container instanceof AttributeValue.L l)) {
            throw invalidPath();
        }
        if (index >= l.values().size()) {
            if (last) return container;
            throw invalidPath();
        }
        List<AttributeValue> copy = new ArrayList<>(l.values());
        if (last) {
            copy.remove(index);
        } else {
            AttributeValue updated = removeIn(copy.get(index), path, i + 1);
            if (updated == copy.get(index)) return container;
            copy.set(index, updated);
        }
        return new AttributeValue.L(copy);
    }

    static ExpressionException invalidPath() {
        return new ExpressionException(INVALID_PATH, -1);
    }
}

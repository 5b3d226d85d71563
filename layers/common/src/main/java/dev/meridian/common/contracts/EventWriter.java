package dev.meridian.common.contracts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;

/**
 * Writes a contract record as event {@code data}: one field per record component, in
 * declaration order; strings and integers as they are, instants as ISO-8601, lines as
 * {@code {"sku", "quantity"}} objects, string lists as arrays. A null component is a bug in the
 * producer and is refused: an event never carries a field it does not set.
 */
final class EventWriter {

    private EventWriter() {
    }

    static ObjectNode write(Record data) {
        ObjectNode out = Json.object();
        for (RecordComponent component : data.getClass().getRecordComponents()) {
            String name = component.getName();
            Object value;
            try {
                value = component.getAccessor().invoke(data);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + data.getClass().getSimpleName() + "." + name, e);
            }
            if (value == null) {
                throw new IllegalStateException(data.getClass().getSimpleName() + "." + name + " is null");
            }
            if (value instanceof String text) {
                out.put(name, text);
            } else if (value instanceof Long number) {
                out.put(name, number);
            } else if (value instanceof Instant instant) {
                out.put(name, instant.toString());
            } else if (value instanceof List<?> list) {
                writeList(out.putArray(name), list, data, name);
            } else {
                throw new IllegalStateException(data.getClass().getSimpleName() + "." + name + " has a type events do not carry: "
                        + value.getClass().getSimpleName());
            }
        }
        return out;
    }

    private static void writeList(ArrayNode array, List<?> list, Record data, String name) {
        for (Object element : list) {
            if (element instanceof Line line) {
                array.addObject().put("sku", line.sku()).put("quantity", line.quantity());
            } else if (element instanceof String text) {
                array.add(text);
            } else {
                throw new IllegalStateException(data.getClass().getSimpleName() + "." + name + " holds a "
                        + (element == null ? "null" : element.getClass().getSimpleName()));
            }
        }
    }
}

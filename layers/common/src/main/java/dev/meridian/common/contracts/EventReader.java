package dev.meridian.common.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code data} fields of one event. Every problem is a {@link MalformedEventException}
 * naming the event and the field, never the value (a {@code PaymentRequested} carries a payment
 * token): retrying cannot help, so after the queue's max receives the message lands in the DLQ.
 */
public final class EventReader {

    private final DomainEvent event;
    private final JsonNode data;

    public EventReader(EventType type, DomainEvent event) {
        type.require(event);
        this.event = event;
        this.data = event.data();
    }

    public String text(String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw malformed("data." + field + " must be a non-empty string");
        }
        return value.asText();
    }

    /** A non-negative integer (amounts are minor units). */
    public long count(String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw malformed("data." + field + " must be a non-negative integer");
        }
        return value.longValue();
    }

    public Instant instant(String field) {
        String text = text(field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed("data." + field + " must be an ISO-8601 instant");
        }
    }

    public List<Line> lines() {
        JsonNode lines = data.get("lines");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw malformed("data.lines must be a non-empty array");
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            JsonNode sku = line.get("sku");
            JsonNode quantity = line.get("quantity");
            if (sku == null || !sku.isTextual() || sku.asText().isEmpty()
                    || quantity == null || !quantity.isIntegralNumber() || quantity.asLong() <= 0) {
                throw malformed("data.lines[" + i + "] must have a sku and a positive integer quantity");
            }
            out.add(new Line(sku.asText(), quantity.asLong()));
        }
        return List.copyOf(out);
    }

    public List<String> texts(String field) {
        JsonNode values = data.get(field);
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw malformed("data." + field + " must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).isTextual() || values.get(i).asText().isEmpty()) {
                throw malformed("data." + field + "[" + i + "] must be a non-empty string");
            }
            out.add(values.get(i).asText());
        }
        return List.copyOf(out);
    }

    /** A string that is one of {@code allowed}. */
    public String oneOf(String field, java.util.Set<String> allowed) {
        String text = text(field);
        if (!allowed.contains(text)) {
            throw malformed("data." + field + " is not one of " + new java.util.TreeSet<>(allowed));
        }
        return text;
    }

    /** Wraps a record's own validation failure (its message names fields, not values). */
    public MalformedEventException malformed(String problem) {
        return new MalformedEventException(event.detailType() + " " + event.eventId() + ": " + problem);
    }
}

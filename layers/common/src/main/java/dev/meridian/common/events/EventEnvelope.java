package dev.meridian.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code detail} of every Meridian event:
 * {@code {eventId, occurredAt, region, correlationId, traceparent, data}}.
 *
 * @param region        the region whose state change produced the event; only that
 *                      region's outbox publisher publishes it
 * @param correlationId the order id (or request id) that ties a saga together
 * @param traceparent   W3C trace context of the request that started the saga, or null
 */
public record EventEnvelope(String eventId, Instant occurredAt, String region, String correlationId,
                            String traceparent, JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(data, "data");
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("eventId", eventId);
        node.put("occurredAt", occurredAt.toString());
        node.put("region", region);
        node.put("correlationId", correlationId);
        if (traceparent == null) {
            node.putNull("traceparent");
        } else {
            node.put("traceparent", traceparent);
        }
        node.set("data", data);
        return node;
    }

    public static EventEnvelope fromJson(JsonNode node) {
        String eventId = Json.text(node, "eventId");
        String occurredAt = Json.text(node, "occurredAt");
        String region = Json.text(node, "region");
        JsonNode data = node.get("data");
        if (eventId == null || occurredAt == null || region == null || data == null || !data.isObject()) {
            throw new MalformedEventException("event detail lacks eventId, occurredAt, region or data");
        }
        Instant when;
        try {
            when = Instant.parse(occurredAt);
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("event detail has an occurredAt that is not an ISO-8601 instant", e);
        }
        return new EventEnvelope(eventId, when, region, Json.text(node, "correlationId"), Json.text(node, "traceparent"), data);
    }
}

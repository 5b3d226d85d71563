package dev.meridian.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * A Meridian event as EventBridge carries it: {@code source} = {@code meridian.<service>},
 * {@code detail-type} = the event name, {@code detail} = the {@link EventEnvelope}.
 */
public record DomainEvent(String source, String detailType, EventEnvelope envelope) {

    public DomainEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(envelope, "envelope");
        if (!source.startsWith("meridian.")) {
            throw new IllegalArgumentException("event source must be meridian.<service>, was " + source);
        }
    }

    /** A new event with a random id, stamped now in {@code region}. */
    public static DomainEvent create(String source, String detailType, String region, String correlationId,
                                     String traceparent, JsonNode data, Clock clock) {
        return new DomainEvent(source, detailType, new EventEnvelope(UUID.randomUUID().toString(), clock.instant(),
                region, correlationId, traceparent, data));
    }

    /**
     * A new event whose id is derived from {@code idSeed}: the same state change always
     * yields the same event id, so a retried transaction cannot emit a second copy.
     */
    public static DomainEvent createDeterministic(String source, String detailType, String region, String correlationId,
                                                  String traceparent, JsonNode data, Clock clock, String idSeed) {
        String id = UUID.nameUUIDFromBytes((detailType + "|" + idSeed).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new DomainEvent(source, detailType, new EventEnvelope(id, clock.instant(), region, correlationId, traceparent, data));
    }

    public String detailJson() {
        return Json.write(envelope.toJson());
    }

    public String eventId() {
        return envelope.eventId();
    }

    public JsonNode data() {
        return envelope.data();
    }

    /** Reads an EventBridge event (for example an SQS message body that a rule delivered). */
    public static DomainEvent fromEventBridge(JsonNode event) {
        String source = Json.text(event, "source");
        String detailType = Json.text(event, "detail-type");
        JsonNode detail = event.get("detail");
        if (source == null || detailType == null || detail == null || !detail.isObject()) {
            throw new MalformedEventException("not an EventBridge event: source, detail-type or detail missing");
        }
        if (!source.startsWith("meridian.")) {
            throw new MalformedEventException("not a Meridian event: source is not meridian.<service>");
        }
        return new DomainEvent(source, detailType, EventEnvelope.fromJson(detail));
    }
}

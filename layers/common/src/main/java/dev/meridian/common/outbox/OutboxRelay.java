package dev.meridian.common.outbox;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.EventEnvelope;
import dev.meridian.common.events.EventPublisher;
import dev.meridian.common.json.Json;
import dev.meridian.common.stream.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes the events that the outbox table's stream delivers.
 *
 * <p>Only newly inserted items addressed to this region are published (attribute
 * {@code publishIn}; items written before it existed: {@code region}, the origin): with
 * global tables every replica's stream also sees items replicated from other regions, and
 * those belong to the publisher of the region they name. So each event is published once,
 * by one region. Publication is at least
 * once (a retried batch republishes); consumers are idempotent.
 *
 * <p>On a failure the result names the sequence number of the first record not
 * published, so Lambda retries the stream from there (ReportBatchItemFailures).
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final EventPublisher publisher;
    private final String region;

    public OutboxRelay(EventPublisher publisher, String region) {
        this.publisher = publisher;
        this.region = region;
    }

    /** @return the sequence number to retry from, or null when the whole batch is published */
    public String relay(List<StreamRecord> records) {
        List<DomainEvent> events = new ArrayList<>();
        List<String> sequenceNumbers = new ArrayList<>();
        for (StreamRecord record : records) {
            if (!"INSERT".equals(record.eventName())) {
                continue;
            }
            Map<String, AttributeValue> item = record.newImage();
            AttributeValue itemRegion = item.containsKey("publishIn") ? item.get("publishIn") : item.get("region");
            if (itemRegion == null || !region.equals(itemRegion.s())) {
                continue;
            }
            events.add(toEvent(item));
            sequenceNumbers.add(record.sequenceNumber());
        }
        if (events.isEmpty()) {
            return null;
        }
        List<String> failed = publisher.publish(events);
        if (failed.isEmpty()) {
            return null;
        }
        for (int i = 0; i < events.size(); i++) {
            if (failed.contains(events.get(i).eventId())) {
                LOG.warn("{} of {} events not accepted by the bus; retrying from event {}", failed.size(), events.size(), events.get(i).eventId());
                return sequenceNumbers.get(i);
            }
        }
        throw new IllegalStateException("publisher reported unknown failed event ids " + failed);
    }

    static DomainEvent toEvent(Map<String, AttributeValue> item) {
        EventEnvelope envelope = EventEnvelope.fromJson(Json.parseTrusted(item.get("detail").s()));
        return new DomainEvent(item.get("source").s(), item.get("detailType").s(), envelope);
    }
}

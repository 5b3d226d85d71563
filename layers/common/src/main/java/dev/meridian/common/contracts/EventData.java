package dev.meridian.common.contracts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.events.DomainEvent;

import java.time.Clock;

/** The {@code data} of one event type: a record that knows its type and writes its own JSON. */
public interface EventData {

    /** This record's type (listed in {@link EventType}). */
    default EventType type() {
        return EventType.of(this);
    }

    /** The order the event is about: its correlation id and the seed of its deterministic id. */
    String orderId();

    /** The event's {@code data}: the record's components, written by {@link EventWriter}. */
    default ObjectNode toData() {
        return EventWriter.write((Record) this);
    }

    /**
     * The event stamped now in {@code region}. Its id is derived from (type, order id): the
     * same state change always yields the same event id, so a retried transaction cannot emit
     * a second copy (the outbox refuses it).
     */
    default DomainEvent toEvent(String region, String traceparent, Clock clock) {
        return DomainEvent.createDeterministic(type().source(), type().detailType(), region, orderId(), traceparent,
                toData(), clock, orderId());
    }
}

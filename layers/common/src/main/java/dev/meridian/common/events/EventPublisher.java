package dev.meridian.common.events;

import java.util.List;

/** Port: publishes events to the bus. */
public interface EventPublisher {

    /**
     * Publishes {@code events} in order and returns the ids of those that were not
     * accepted (empty when all were). Throws on a fault where nothing is known.
     */
    List<String> publish(List<DomainEvent> events);
}

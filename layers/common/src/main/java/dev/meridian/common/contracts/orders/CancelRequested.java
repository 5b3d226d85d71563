package dev.meridian.common.contracts.orders;

import dev.meridian.common.contracts.EventData;
import dev.meridian.common.contracts.EventReader;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.events.DomainEvent;

import java.time.Clock;

/**
 * A customer asked region {@code requestedIn} to cancel an order homed in {@code homeRegion}.
 * Written by the requesting region (with its cancel-request item, in one transaction) and
 * published only by the home region, whose orders service applies it: the order keeps one
 * writer region.
 */
public record CancelRequested(String orderId, String customerId, String requestedIn, String homeRegion) implements EventData {

    public static CancelRequested from(DomainEvent event) {
        EventReader in = new EventReader(EventType.CANCEL_REQUESTED, event);
        return new CancelRequested(in.text("orderId"), in.text("customerId"), in.text("requestedIn"), in.text("homeRegion"));
    }

    /**
     * Its id is derived from (order, requesting region): two regions asking to cancel one order
     * write two outbox items, never one item from two writers.
     */
    @Override
    public DomainEvent toEvent(String region, String traceparent, Clock clock) {
        return DomainEvent.createDeterministic(type().source(), type().detailType(), region, orderId(), traceparent,
                toData(), clock, orderId() + "#" + requestedIn);
    }
}

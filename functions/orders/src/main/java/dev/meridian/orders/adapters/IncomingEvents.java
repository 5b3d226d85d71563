package dev.meridian.orders.adapters;

import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.inventory.InventoryRejected;
import dev.meridian.common.contracts.orders.CancelRequested;
import dev.meridian.common.contracts.inventory.ReservationExpired;
import dev.meridian.common.contracts.payments.PaymentCaptured;
import dev.meridian.common.contracts.payments.PaymentFailed;
import dev.meridian.common.contracts.payments.PaymentRefunded;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.orders.app.OrderOutcome;
import dev.meridian.orders.domain.OrderStateMachine.Input;

/**
 * Reads the events orders consumes (OrdersQueue: inventory and payment outcomes, cancel requests from other regions) into saga
 * outcomes. Each event is parsed by its contract record, so a malformed one is refused here,
 * before any read or write; anything else is not for orders.
 */
public final class IncomingEvents {

    private IncomingEvents() {
    }

    public static OrderOutcome outcome(DomainEvent event) {
        EventType type = EventType.of(event).orElseThrow(() -> notConsumed(event));
        String traceparent = event.envelope().traceparent();
        return switch (type) {
            case INVENTORY_REJECTED -> new OrderOutcome(InventoryRejected.from(event).orderId(), Input.INVENTORY_REJECTED, traceparent);
            case RESERVATION_EXPIRED -> new OrderOutcome(ReservationExpired.from(event).orderId(), Input.RESERVATION_EXPIRED, traceparent);
            case PAYMENT_CAPTURED -> new OrderOutcome(PaymentCaptured.from(event).orderId(), Input.PAYMENT_CAPTURED, traceparent);
            case PAYMENT_FAILED -> new OrderOutcome(PaymentFailed.from(event).orderId(), Input.PAYMENT_FAILED, traceparent);
            // another region recorded a customer's cancel; published here because this is the home region
            case CANCEL_REQUESTED -> new OrderOutcome(CancelRequested.from(event).orderId(), Input.CUSTOMER_CANCEL, traceparent);
            case PAYMENT_REFUNDED -> new OrderOutcome(PaymentRefunded.from(event).orderId(), Input.PAYMENT_REFUNDED, traceparent);
            default -> throw notConsumed(event);
        };
    }

    private static MalformedEventException notConsumed(DomainEvent event) {
        return new MalformedEventException("orders does not consume " + event.source() + "/" + event.detailType());
    }
}

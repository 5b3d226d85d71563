package dev.meridian.orders.app;

import dev.meridian.orders.domain.OrderStateMachine.Input;

import java.util.Objects;

/** A saga outcome for one order, as the adapters read it from an inventory or payments event. */
public record OrderOutcome(String orderId, Input input, String traceparent) {

    public OrderOutcome {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(input, "input");
    }
}

package dev.meridian.orders.app;

import dev.meridian.orders.domain.Order;

/**
 * What a customer cancel did: applied by the order's home region ({@code applied}, the order
 * as it now is), or recorded as a request in another region (the order as this replica sees
 * it; the home region applies the request when it arrives).
 */
public record CancelOutcome(Order order, boolean applied, String requestedIn) {

    public static CancelOutcome applied(Order order) {
        return new CancelOutcome(order, true, null);
    }

    public static CancelOutcome requested(Order order, String requestedIn) {
        return new CancelOutcome(order, false, requestedIn);
    }
}

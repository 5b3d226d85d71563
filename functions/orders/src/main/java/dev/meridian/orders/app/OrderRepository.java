package dev.meridian.orders.app;

import dev.meridian.common.contracts.orders.CancelRequested;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.orders.domain.Order;

import java.util.List;
import java.util.Optional;

/** Port: orders, written with their events in one transaction. */
public interface OrderRepository {

    Optional<Order> find(String orderId);

    /** Newest first. */
    List<Order> byCustomer(String customerId, int limit);

    /** Creates the order with its events; false if an order with that id already exists. */
    boolean create(Order order, List<DomainEvent> events);

    /**
     * Replaces {@code next} for the order at {@code next.version() - 1}, with {@code event}
     * (may be null) in the same transaction; false when the stored version differs.
     */
    boolean update(Order next, DomainEvent event);

    /**
     * Records, in this region, a customer's request to cancel an order homed elsewhere: the
     * request item (written only by {@code request.requestedIn()}) and {@code event}, addressed
     * to the home region's publisher, in one transaction. False when this region already holds
     * a request for the order (nothing written: the first request and its event stand).
     */
    boolean recordCancelRequest(CancelRequested request, java.time.Instant requestedAt, DomainEvent event);
}

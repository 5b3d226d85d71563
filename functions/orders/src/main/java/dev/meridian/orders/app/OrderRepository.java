package dev.meridian.orders.app;

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
}

package dev.meridian.orders.app;

/** No order with that id belongs to the caller (another customer's order is "not found" too). */
public final class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(String orderId) {
        super("order not found: " + orderId);
    }
}

package dev.meridian.orders.app;

/** A well-formed order that cannot be accepted as it is; {@code field} names the part at fault. */
public final class OrderRejectedException extends RuntimeException {

    private final String field;

    public OrderRejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

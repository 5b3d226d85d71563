package dev.meridian.orders.app;

/** Line {@code line} (0-based) of an order names a sku the catalog does not hold. */
public final class UnknownProductException extends RuntimeException {

    private final int line;

    public UnknownProductException(int line) {
        super("line " + line + " is not a known product");
        this.line = line;
    }

    public int line() {
        return line;
    }
}

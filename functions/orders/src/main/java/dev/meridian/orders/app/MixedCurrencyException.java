package dev.meridian.orders.app;

/** Line {@code line} (0-based) of an order is priced in another currency than the lines before it. */
public final class MixedCurrencyException extends RuntimeException {

    private final int line;

    public MixedCurrencyException(int line) {
        super("all lines of an order must share one currency");
        this.line = line;
    }

    public int line() {
        return line;
    }
}

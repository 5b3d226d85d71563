package dev.meridian.inventory.domain;

/**
 * One region's allocation of a sku, written only by its own region. Conservation at every
 * committed state: {@code restocked + receivedIn - sentOut == available + reserved + sold}
 * ({@code sentOut}: units this region granted to others by transfer; {@code receivedIn}: units
 * it received); no field is ever negative.
 */
public record Stock(long available, long reserved, long sold, long restocked, long sentOut, long receivedIn) {

    public static final Stock NONE = new Stock(0, 0, 0, 0, 0, 0);

    /** An allocation that never took part in a transfer. */
    public Stock(long available, long reserved, long sold, long restocked) {
        this(available, reserved, sold, restocked, 0, 0);
    }

    public boolean conserved() {
        return available >= 0 && reserved >= 0 && sold >= 0 && restocked >= 0 && sentOut >= 0 && receivedIn >= 0
                && restocked + receivedIn - sentOut == available + reserved + sold;
    }
}

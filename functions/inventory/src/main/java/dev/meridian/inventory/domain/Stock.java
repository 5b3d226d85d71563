package dev.meridian.inventory.domain;

/**
 * One region's allocation of a sku. Conservation: {@code restocked == available + reserved + sold}
 * at every committed state; no field is ever negative.
 */
public record Stock(long available, long reserved, long sold, long restocked) {

    public static final Stock NONE = new Stock(0, 0, 0, 0);

    public boolean conserved() {
        return available >= 0 && reserved >= 0 && sold >= 0 && restocked == available + reserved + sold;
    }
}

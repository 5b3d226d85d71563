package dev.meridian.inventory.domain;

/** A catalog product; {@code price} is in minor units of {@code currency}. */
public record Product(String sku, String name, long price, String currency) {
}

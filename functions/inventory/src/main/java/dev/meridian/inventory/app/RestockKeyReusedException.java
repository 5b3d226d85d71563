package dev.meridian.inventory.app;

/** A restock id (from an Idempotency-Key) already applied to another sku or quantity. */
public final class RestockKeyReusedException extends RuntimeException {

    public RestockKeyReusedException() {
        super("this Idempotency-Key was already used for a different restock");
    }
}

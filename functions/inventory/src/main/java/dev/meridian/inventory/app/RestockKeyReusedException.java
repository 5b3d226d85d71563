package dev.meridian.inventory.app;

/** A restock id (derived from the request's key) already applied to another sku or quantity. */
public final class RestockKeyReusedException extends RuntimeException {

    public RestockKeyReusedException() {
        super("this restock id was already applied to a different sku or quantity");
    }
}

package dev.meridian.orders.app;

/** The request key already names a different order (its idempotency record has expired). */
public final class RequestKeyReusedException extends RuntimeException {

    public RequestKeyReusedException() {
        super("this request key was already used for a different order");
    }
}

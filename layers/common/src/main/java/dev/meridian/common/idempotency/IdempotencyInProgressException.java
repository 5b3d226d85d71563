package dev.meridian.common.idempotency;

/** Work for the key is still running under another attempt (HTTP 409; retry later). */
public class IdempotencyInProgressException extends RuntimeException {
    public IdempotencyInProgressException(String message) {
        super(message);
    }
}

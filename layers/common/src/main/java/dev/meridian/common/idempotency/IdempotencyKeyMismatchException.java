package dev.meridian.common.idempotency;

/** The key was used before with a different payload (HTTP 422). */
public class IdempotencyKeyMismatchException extends RuntimeException {
    public IdempotencyKeyMismatchException(String message) {
        super(message);
    }
}

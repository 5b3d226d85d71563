package dev.meridian.common.idempotency;

import java.time.Duration;

/** Work for the key is still running under another attempt (HTTP 409; retry after {@link #retryAfter()}). */
public class IdempotencyInProgressException extends RuntimeException {

    private final Duration retryAfter;

    public IdempotencyInProgressException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long until the running attempt's claim lapses, so that a retry can take it over. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

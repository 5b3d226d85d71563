package dev.meridian.payments.app;

/**
 * The processor did not answer in time: the operation may or may not have happened.
 * Retryable: the message is redelivered and the repeated (idempotent) call finds out.
 */
public class GatewayTimeoutException extends RuntimeException {
    public GatewayTimeoutException(String message) {
        super(message);
    }

    public GatewayTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}

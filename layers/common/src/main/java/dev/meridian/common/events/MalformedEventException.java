package dev.meridian.common.events;

/** An event that cannot be read; retrying will not help, so it ends in a DLQ. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.meridian.orders.app;

/** Port: one cheap read of this region's storage, for {@code GET /health}. */
public interface StorageProbe {

    /** Returns normally when storage answered; throws {@link StorageUnavailableException} otherwise. */
    void check();

    /** Storage did not answer; the message names what failed (never data). */
    final class StorageUnavailableException extends RuntimeException {
        public StorageUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

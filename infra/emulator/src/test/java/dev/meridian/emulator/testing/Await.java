package dev.meridian.emulator.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls until something asynchronous (a saga, a queue, a stream) has happened. */
public final class Await {

    private Await() {
    }

    /**
     * Returns the first present value {@code probe} yields within {@code timeout}; throws an
     * {@link AssertionError} with {@code what} and the last value seen otherwise.
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("timed out after " + timeout + " waiting for " + what);
                if (lastError != null) {
                    error.initCause(lastError);
                }
                throw error;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}

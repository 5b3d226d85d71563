package dev.meridian.emulator.testing;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls (with Awaitility) until something asynchronous (a saga, a queue, a stream) has happened. */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /**
     * Returns the first present value {@code probe} yields within {@code timeout}; a probe that
     * throws is polled again. Fails with Awaitility's timeout, naming {@code what}, otherwise.
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).ignoreExceptions()
                .until(probe::get, Optional::isPresent).orElseThrow();
    }

    /**
     * Whether {@code condition} holds within {@code within} (polled; a condition that throws is
     * polled again): false, not a failure, when it never does, so a test can assert either way.
     */
    public static boolean eventually(Duration within, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(condition::getAsBoolean);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}

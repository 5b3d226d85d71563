package dev.meridian.emulator.lambda;

import java.util.List;

/** The event source mappings' poller threads: pausing between polls and waiting for them to stop. */
public final class Pollers {

    private Pollers() {
    }

    /** Sleeps; an interrupt (the mapping stopping) ends the pause early and stays set. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits at most {@code millis} in all for the pollers to end; an interrupt ends the wait and stays set. */
    public static void join(List<Thread> pollers, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            for (Thread poller : pollers) {
                poller.join(Math.max(1, deadline - System.currentTimeMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

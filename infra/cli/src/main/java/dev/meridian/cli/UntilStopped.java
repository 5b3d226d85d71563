package dev.meridian.cli;

import java.util.concurrent.CountDownLatch;

/** Serves a started stack until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes it. */
final class UntilStopped {

    private UntilStopped() {
    }

    /**
     * Prints the banner, then waits; on shutdown prints {@code "meridian local: " + stopping},
     * runs {@code close} and says when it is done. Returns the exit code, 0.
     */
    static int serve(Runnable banner, String stopping, Runnable close) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("meridian local: " + stopping);
            close.run();
            stopped.countDown();
            System.out.println("meridian local: stopped");
        }, "meridian-local-shutdown"));
        banner.run();
        System.out.println("press Ctrl-C to stop");
        stopped.await();
        return 0;
    }
}

package dev.meridian.emulator.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Observes how the runtime runs a function: which instance served each invocation, whether an
 * instance ever served two invocations at once, and (with a gate) how many ran at the same time.
 * State is kept per function name ({@link Probe#of}), so tests do not share it.
 */
public final class ConcurrencyProbeHandler implements RequestStreamHandler {

    /** What one function's instances saw. */
    public static final class Probe {
        private static final Map<String, Probe> BY_FUNCTION = new ConcurrentHashMap<>();

        public final Set<Integer> instancesUsed = ConcurrentHashMap.newKeySet();
        public final AtomicInteger overlappingUses = new AtomicInteger();
        public final AtomicInteger invocations = new AtomicInteger();
        public final AtomicInteger records = new AtomicInteger();
        /** When set, each invocation counts down, then waits until the gate is open (or 30 s pass). */
        public volatile CountDownLatch gate;
        /** When true, the next invocation blocks until interrupted (a timeout). */
        public final AtomicBoolean hangOnce = new AtomicBoolean();

        public static Probe of(String functionName) {
            return BY_FUNCTION.computeIfAbsent(functionName, k -> new Probe());
        }
    }

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final int instance = INSTANCES.incrementAndGet();
    private final AtomicBoolean inUse = new AtomicBoolean();
    private final Probe probe;

    public ConcurrencyProbeHandler(Environment env) {
        this.probe = Probe.of(env.require("AWS_LAMBDA_FUNCTION_NAME"));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (!inUse.compareAndSet(false, true)) {
            probe.overlappingUses.incrementAndGet();
        }
        try {
            probe.instancesUsed.add(instance);
            probe.invocations.incrementAndGet();
            String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            probe.records.addAndGet(event.split("\"messageId\"", -1).length - 1);
            if (probe.hangOnce.compareAndSet(true, false)) {
                new CountDownLatch(1).await(); // until the runtime interrupts it
            }
            CountDownLatch gate = probe.gate;
            if (gate != null) {
                gate.countDown();
                gate.await(30, TimeUnit.SECONDS);
            }
            output.write("{}".getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            inUse.set(false);
        }
    }
}

package dev.meridian.common.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming: work that a handler registers at construction and that runs just
 * before Lambda takes the snapshot of the initialised execution environment (a CRaC
 * {@code beforeCheckpoint} hook), so that the classes, JIT profiles and connections it
 * warms are in the snapshot instead of on the first invocation.
 *
 * <p>A primer must have <b>no side effects</b>: it reads keys that cannot exist, routes
 * requests that end in a 4xx before any write, parses fixture events. It runs against
 * the real tables with the function's own permissions; failures are logged and ignored
 * (a primer never breaks a deployment).
 *
 * <p>Outside SnapStart this is a no-op: {@link #onSnapStart} returns at once unless
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code snap-start} (Lambda sets it while it
 * initialises a published version for a snapshot), and the CRaC classes are not even
 * loaded. Locally and in tests nothing is registered.
 */
public final class Priming {

    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public static final String SNAP_START = "snap-start";

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    private static final List<Primer> PRIMERS = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    /** One named primer. */
    public record Primer(String name, Runnable action) {
    }

    /** True when this execution environment is being initialised for a SnapStart snapshot. */
    public static boolean enabled(Environment env) {
        return SNAP_START.equals(env.get(INITIALIZATION_TYPE, ""));
    }

    /**
     * Registers {@code primer} to run before the snapshot, when {@code env} says this is a
     * SnapStart initialisation; does nothing otherwise.
     */
    public static void onSnapStart(Environment env, String name, Runnable primer) {
        if (!enabled(env)) {
            return;
        }
        PRIMERS.add(new Primer(name, primer));
        CracHook.ensureRegistered();
    }

    /**
     * Runs every registered primer once (what the {@code beforeCheckpoint} hook does);
     * returns the names of the primers that failed. Public so the benchmark can emulate a
     * checkpoint on a JVM without CRaC.
     */
    public static List<String> runRegistered() {
        List<String> failed = new ArrayList<>();
        for (Primer primer : PRIMERS) {
            long start = System.nanoTime();
            try {
                primer.action().run();
                LOG.debug("primed {} in {} ms", primer.name(), (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                failed.add(primer.name());
                LOG.warn("priming {} failed (ignored): {}", primer.name(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return failed;
    }

    /** Number of primers registered in this JVM. */
    public static int registered() {
        return PRIMERS.size();
    }

    /** Invokes {@code handler} with {@code event}, discarding the response. */
    public static void invoke(RequestStreamHandler handler, byte[] event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event), OutputStream.nullOutputStream(), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs {@code action}, ignoring the runtime exception it may end with (an expected error answer primes its path too). */
    public static void ignoringErrors(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.debug("priming call ended with {} (expected)", e.getClass().getSimpleName());
        }
    }

    /** The CRaC side, in its own class so that org.crac is loaded only under SnapStart. */
    private static final class CracHook implements org.crac.Resource {

        // the global context holds resources weakly: keep this one reachable
        private static volatile CracHook instance;

        static synchronized void ensureRegistered() {
            if (instance == null) {
                instance = new CracHook();
                org.crac.Core.getGlobalContext().register(instance);
            }
        }

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
            runRegistered();
        }

        @Override
        public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
            // nothing to refresh: clients resolve credentials per request, and connections re-open on demand
        }
    }
}

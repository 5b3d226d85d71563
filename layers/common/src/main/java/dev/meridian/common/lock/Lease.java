package dev.meridian.common.lock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One holding of a lock key: its fencing token, owner and deadline. Closing it releases the
 * key, conditionally on owner and token, so a lease that was taken over never frees its
 * successor's holding; closing twice is harmless.
 *
 * <p>{@link #isValid()} is advice, not a guarantee: a thread may pause between checking it
 * and writing. Writes that must not come from a stale holder go through {@link FencedWrites}.
 */
public final class Lease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lease.class);

    private final DistributedLock lock;
    private final String key;
    private final String owner;
    private final long fencingToken;
    private final Duration duration;
    private volatile Instant expiresAt;
    private volatile boolean closed;
    private volatile boolean lost;
    private ScheduledFuture<?> renewal;
    private ScheduledExecutorService ownScheduler;

    Lease(DistributedLock lock, String key, String owner, long fencingToken, Duration duration, Instant expiresAt) {
        this.lock = lock;
        this.key = key;
        this.owner = owner;
        this.fencingToken = fencingToken;
        this.duration = duration;
        this.expiresAt = expiresAt;
    }

    public String key() {
        return key;
    }

    /** Larger than the token of every earlier holding of this key. */
    public long fencingToken() {
        return fencingToken;
    }

    public String owner() {
        return owner;
    }

    /** The deadline, on the holder's clock, after which the holder must not act. */
    public Instant expiresAt() {
        return expiresAt;
    }

    public Duration duration() {
        return duration;
    }

    /** The locks table this lease lives in (for {@link FencedWrites}). */
    public String tableName() {
        return lock.tableName();
    }

    /** Not closed, not known to be lost, and before its deadline on the holder's clock. */
    public boolean isValid() {
        return !closed && !lost && lock.clock().instant().isBefore(expiresAt);
    }

    /** Extends the lease by its original duration from now. */
    public Lease renew() {
        return renew(duration);
    }

    /**
     * Extends the lease to {@code extension} from now, if this holding is still current
     * (owner and token unchanged: nobody else acquired the key meanwhile).
     *
     * @return this lease, with its new deadline
     * @throws StaleLeaseException when the key was released or taken over
     */
    public synchronized Lease renew(Duration extension) {
        if (extension == null || extension.isNegative() || extension.isZero()) {
            throw new IllegalArgumentException("extension must be positive");
        }
        if (closed) {
            throw new StaleLeaseException(key, fencingToken, "lease on '" + key + "' is closed; not renewed");
        }
        try {
            expiresAt = lock.renew(key, fencingToken, extension);
            return this;
        } catch (StaleLeaseException e) {
            lost = true;
            throw e;
        }
    }

    /**
     * Releases the key if this holding is still current.
     *
     * @return true if this call released it
     */
    public boolean release() {
        stopRenewal();
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            boolean released = lock.release(key, fencingToken);
            if (!released) {
                lost = true;
            }
            return released;
        }
    }

    /**
     * Stops renewal and releases. Never throws: a lease that was already taken over is only
     * logged, and if the release call itself fails the key stays held until its deadline
     * (one lease at most), which must not turn a finished critical section into a failure.
     */
    @Override
    public void close() {
        boolean wasClosed = closed;
        try {
            if (!release() && !wasClosed) {
                LOG.warn("lease on '{}' (token {}) was no longer held at close; a newer holder has the key", key, fencingToken);
            }
        } catch (RuntimeException releaseFailed) {
            LOG.warn("release of lease on '{}' (token {}) failed; the key frees itself at {}", key, fencingToken, expiresAt, releaseFailed);
        }
    }

    synchronized void startRenewal(Duration period, ScheduledExecutorService scheduler) {
        ScheduledExecutorService target = scheduler;
        if (target == null) {
            ownScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lease-renewal-" + key);
                t.setDaemon(true);
                return t;
            });
            target = ownScheduler;
        }
        long millis = period.toMillis();
        renewal = target.scheduleAtFixedRate(this::renewQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void renewQuietly() {
        if (closed || lost) {
            return;
        }
        try {
            renew(duration);
        } catch (StaleLeaseException e) {
            LOG.warn("lease on '{}' (token {}) lost: {}", key, fencingToken, e.getMessage());
            stopRenewal();
        } catch (RuntimeException transientFailure) {
            // The lease still runs to its current deadline; the next period tries again.
            LOG.warn("renewal of lease on '{}' (token {}) failed; will retry", key, fencingToken, transientFailure);
        }
    }

    private void stopRenewal() {
        ScheduledFuture<?> task;
        ScheduledExecutorService own;
        synchronized (this) {
            task = renewal;
            own = ownScheduler;
            renewal = null;
            ownScheduler = null;
        }
        if (task != null) {
            task.cancel(false);
        }
        if (own != null) {
            own.shutdownNow();
        }
    }

    /** Whether a renewal task is scheduled (for tests). */
    synchronized boolean renewing() {
        return renewal != null && !renewal.isDone();
    }

    @Override
    public String toString() {
        return "Lease[key=" + key + ", owner=" + owner + ", token=" + fencingToken + ", expiresAt=" + expiresAt + "]";
    }
}

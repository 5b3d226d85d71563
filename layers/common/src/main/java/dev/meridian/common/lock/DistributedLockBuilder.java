package dev.meridian.common.lock;

import dev.meridian.common.config.Environment;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import static dev.meridian.common.lock.DistributedLock.DEFAULT_ACQUIRE_TIMEOUT;
import static dev.meridian.common.lock.DistributedLock.DEFAULT_CLOCK_SKEW_ALLOWANCE;
import static dev.meridian.common.lock.DistributedLock.DEFAULT_ITEM_RETENTION;
import static dev.meridian.common.lock.DistributedLock.DEFAULT_LEASE;
import static dev.meridian.common.lock.DistributedLock.DEFAULT_RETRY_INTERVAL;
import static dev.meridian.common.lock.DistributedLock.MIN_ITEM_RETENTION;
import static dev.meridian.common.lock.DistributedLock.TABLE_ENV;

/** Builds a {@link DistributedLock}; every setting is validated in {@link #build()}. */
public final class DistributedLockBuilder {

    DynamoDbClient dynamoDb;
    String tableName;
    String owner = "owner-" + UUID.randomUUID();
    Clock clock = Clock.systemUTC();
    Duration defaultLease = DEFAULT_LEASE;
    Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
    Duration retryInterval = DEFAULT_RETRY_INTERVAL;
    Duration clockSkewAllowance = DEFAULT_CLOCK_SKEW_ALLOWANCE;
    Duration itemRetention = DEFAULT_ITEM_RETENTION;
    Duration renewalPeriod;
    ScheduledExecutorService renewalScheduler;

    public DistributedLockBuilder dynamoDb(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
        return this;
    }

    /**
     * Takes the table from {@value DistributedLock#TABLE_ENV} (required) and, inside Lambda, an owner id
     * that names the execution environment's log stream, so an operator can tell who holds a key.
     */
    public DistributedLockBuilder environment(Environment env) {
        this.tableName = env.require(TABLE_ENV);
        this.owner = env.get("AWS_LAMBDA_LOG_STREAM_NAME").map(stream -> stream + "/").orElse("owner-")
                + UUID.randomUUID();
        return this;
    }

    /** The locks table ({@code LOCKS_TABLE}). */
    public DistributedLockBuilder tableName(String tableName) {
        this.tableName = tableName;
        return this;
    }

    /** Who acquires; unique per process or invocation (default: a random id). */
    public DistributedLockBuilder owner(String owner) {
        this.owner = owner;
        return this;
    }

    /** The wall clock that lease deadlines are computed from (default: system UTC). */
    public DistributedLockBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The lease for {@link #acquire(String)} and {@link #tryAcquire(String)} (default 10 s). */
    public DistributedLockBuilder defaultLease(Duration defaultLease) {
        this.defaultLease = defaultLease;
        return this;
    }

    /** How long {@link #acquire} waits (default 10 s); zero means one attempt. Keep it under the function timeout. */
    public DistributedLockBuilder acquireTimeout(Duration acquireTimeout) {
        this.acquireTimeout = acquireTimeout;
        return this;
    }

    /** The pause between attempts while waiting, jittered ±50 % (default 100 ms). */
    public DistributedLockBuilder retryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
        return this;
    }

    /**
     * How far apart two clocks may be without breaking mutual exclusion (default 1 s): a
     * contender treats a lease as expired only this long after its stored deadline.
     */
    public DistributedLockBuilder clockSkewAllowance(Duration clockSkewAllowance) {
        this.clockSkewAllowance = clockSkewAllowance;
        return this;
    }

    /** How long after its last deadline TTL may delete a lock item (default 7 days, at least 1 hour). */
    public DistributedLockBuilder itemRetention(Duration itemRetention) {
        this.itemRetention = itemRetention;
        return this;
    }

    /**
     * Renews every lease this lock hands out every {@code renewalPeriod} until the lease
     * is closed (default: no automatic renewal). Every lease must be at least three
     * periods long, so one failed renewal still leaves time for another.
     */
    public DistributedLockBuilder renewalPeriod(Duration renewalPeriod) {
        this.renewalPeriod = renewalPeriod;
        return this;
    }

    /**
     * Runs automatic renewals on the caller's scheduler (its task is cancelled when the
     * lease closes). Without it, each lease creates a one-thread scheduler and shuts it
     * down on close, so no thread outlives the lease.
     */
    public DistributedLockBuilder renewalScheduler(ScheduledExecutorService renewalScheduler) {
        this.renewalScheduler = renewalScheduler;
        return this;
    }

    public DistributedLock build() {
        Objects.requireNonNull(dynamoDb, "dynamoDb client is required");
        if (tableName == null || tableName.isBlank()) {
            throw new IllegalArgumentException("locks table name is required");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        Objects.requireNonNull(clock, "clock");
        requirePositive(defaultLease, "defaultLease");
        requirePositive(retryInterval, "retryInterval");
        if (acquireTimeout == null || acquireTimeout.isNegative()) {
            throw new IllegalArgumentException("acquireTimeout must not be negative");
        }
        if (clockSkewAllowance == null || clockSkewAllowance.isNegative()) {
            throw new IllegalArgumentException("clockSkewAllowance must not be negative");
        }
        if (clockSkewAllowance.compareTo(defaultLease) >= 0) {
            throw new IllegalArgumentException("clockSkewAllowance (" + clockSkewAllowance
                    + ") must be shorter than the lease (" + defaultLease + ")");
        }
        if (itemRetention == null || itemRetention.compareTo(MIN_ITEM_RETENTION) < 0) {
            throw new IllegalArgumentException("itemRetention must be at least " + MIN_ITEM_RETENTION);
        }
        if (itemRetention.compareTo(clockSkewAllowance.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("itemRetention must exceed twice the clockSkewAllowance (token monotonicity after TTL)");
        }
        if (renewalPeriod != null) {
            requirePositive(renewalPeriod, "renewalPeriod");
            if (renewalPeriod.multipliedBy(3).compareTo(defaultLease) > 0) {
                throw new IllegalArgumentException("renewalPeriod (" + renewalPeriod
                        + ") must be at most a third of the lease (" + defaultLease + ")");
            }
        } else if (renewalScheduler != null) {
            throw new IllegalArgumentException("renewalScheduler is set but renewalPeriod is not");
        }
        return new DistributedLock(this);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}

package dev.meridian.common.lock;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static dev.meridian.common.lock.LockTableSchema.ACQUIRE_ID;
import static dev.meridian.common.lock.LockTableSchema.LEASE_UNTIL;
import static dev.meridian.common.lock.LockTableSchema.LOCK_KEY;
import static dev.meridian.common.lock.LockTableSchema.OWNER;
import static dev.meridian.common.lock.LockTableSchema.TOKEN;
import static dev.meridian.common.lock.LockTableSchema.TTL;

/**
 * Lease locks on DynamoDB conditional writes, with fencing tokens.
 *
 * <pre>{@code
 * try (Lease lease = locks.acquire("reservation-sweeper#" + region, Duration.ofSeconds(30))) {
 *     FencedWrites fenced = FencedWrites.of(dynamoDb, lease);
 *     fenced.transactWrite(items);   // refused once a newer holder has the key
 * }
 * }</pre>
 *
 * <p>How it works (see {@code docs/locking.md}):
 * <ul>
 *   <li>Acquire is one conditional {@code UpdateItem} on the lock item: it succeeds when the
 *   key has no owner, or when the stored deadline {@code leaseUntil} plus the clock-skew
 *   allowance has passed on the acquirer's clock. It increments the key's fencing token in
 *   the same write, so every holder gets a token larger than every earlier holder's.</li>
 *   <li>No heartbeat thread: expiry is a deadline stored in the item, so a stale lock is
 *   taken over {@code lease + skew} after its last acquire or renewal, never later. Renewal
 *   is explicit ({@link Lease#renew}) or a scheduled task that the lease cancels on close.</li>
 *   <li>Release and renewal are conditional on owner and token: a lease that was taken over
 *   can neither release nor extend its successor's lease.</li>
 *   <li>The item is never deleted by this class (that would reset the token). TTL
 *   ({@code ttl}) deletes it {@code itemRetention} after its last deadline; the next acquire
 *   then seeds the token from the acquirer's clock in microseconds, which is larger than any
 *   token the deleted item can have issued (see {@link #nextTokenFloor}).</li>
 * </ul>
 *
 * <p>Not re-entrant: acquiring a key this instance already holds waits like any other contender.
 * Thread-safe; one instance per execution environment is enough.
 */
public final class DistributedLock {

    /** The environment variable that names the locks table. */
    public static final String TABLE_ENV = "LOCKS_TABLE";

    static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);
    static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(100);
    /** Far above the clock error of NTP/Amazon Time Sync synchronised hosts (typically ≤ 1–10 ms). */
    static final Duration DEFAULT_CLOCK_SKEW_ALLOWANCE = Duration.ofSeconds(1);
    static final Duration DEFAULT_ITEM_RETENTION = Duration.ofDays(7);
    static final Duration MIN_ITEM_RETENTION = Duration.ofHours(1);

    // rendered: nobody holds the key, or the holder's deadline passed more than the skew allowance ago
    static final String CONDITION_ACQUIRABLE = "attribute_not_exists(#owner) OR #leaseUntil < :expiredBefore";
    // rendered: the key is still held by this owner under this acquire (token)
    static final String CONDITION_HELD = "#owner = :owner AND #token = :token";

    // rendered: take the key until :leaseUntil under a fresh attempt id, and issue the next token (seeded from the clock on a new item)
    static final String UPDATE_ACQUIRE =
            "SET #owner = :owner, #acquireId = :acquireId, #leaseUntil = :leaseUntil, #ttl = :ttl, #token = if_not_exists(#token, :tokenFloor) + :one";
    // rendered: extend the deadline (and the item's retention)
    static final String UPDATE_RENEW = "SET #leaseUntil = :leaseUntil, #ttl = :ttl";
    // rendered: free the key, keep the token
    static final String UPDATE_RELEASE = "REMOVE #owner, #acquireId, #leaseUntil SET #ttl = :ttl";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final String owner;
    private final Clock clock;
    private final Duration defaultLease;
    private final Duration acquireTimeout;
    private final Duration retryInterval;
    private final Duration clockSkewAllowance;
    private final Duration itemRetention;
    private final Duration renewalPeriod;
    private final ScheduledExecutorService renewalScheduler;

    DistributedLock(DistributedLockBuilder b) {
        this.dynamoDb = b.dynamoDb;
        this.tableName = b.tableName;
        this.owner = b.owner;
        this.clock = b.clock;
        this.defaultLease = b.defaultLease;
        this.acquireTimeout = b.acquireTimeout;
        this.retryInterval = b.retryInterval;
        this.clockSkewAllowance = b.clockSkewAllowance;
        this.itemRetention = b.itemRetention;
        this.renewalPeriod = b.renewalPeriod;
        this.renewalScheduler = b.renewalScheduler;
    }

    public static DistributedLockBuilder builder() {
        return new DistributedLockBuilder();
    }

    /**
     * The key of a lock that is per region, e.g. {@code regionalKey("reservation-sweeper", "eu-west-1")}
     * is {@code "reservation-sweeper#eu-west-1"}. Locks are regional (see {@code docs/locking.md}), so a
     * job that runs in every region locks its own region's share of the work.
     */
    public static String regionalKey(String resource, String region) {
        if (resource == null || resource.isBlank() || region == null || region.isBlank()) {
            throw new IllegalArgumentException("resource and region are required");
        }
        return resource + "#" + region;
    }

    /** Acquires {@code key} for the default lease, waiting up to the acquire timeout. */
    public Lease acquire(String key) {
        return acquire(key, defaultLease);
    }

    /**
     * Acquires {@code key} for {@code lease}, polling every retry interval (with jitter) for
     * up to the acquire timeout. The wait is measured on the monotonic clock of this JVM, not
     * on the injected wall clock.
     *
     * @throws LockTimeoutException when the key stayed held by someone else, or on interrupt
     */
    public Lease acquire(String key, Duration lease) {
        validateLease(lease);
        long deadline = System.nanoTime() + acquireTimeout.toNanos();
        while (true) {
            Optional<Lease> acquired = attempt(key, lease);
            if (acquired.isPresent()) {
                return acquired.get();
            }
            long remainingNanos = deadline - System.nanoTime();
            if (remainingNanos <= 0) {
                throw new LockTimeoutException(key, "lock '" + key + "' is held by another owner; not acquired within " + acquireTimeout);
            }
            long jittered = (long) (retryInterval.toNanos() * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(jittered, remainingNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LockTimeoutException(key, "interrupted while waiting for lock '" + key + "'");
            }
        }
    }

    /** Tries once to acquire {@code key} for the default lease; never waits. */
    public Optional<Lease> tryAcquire(String key) {
        return tryAcquire(key, defaultLease);
    }

    /** Tries once (one conditional write) to acquire {@code key} for {@code lease}; never waits. */
    public Optional<Lease> tryAcquire(String key, Duration lease) {
        validateLease(lease);
        return attempt(key, lease);
    }

    /**
     * Releases {@code key} if this owner holds it under {@code fencingToken}.
     *
     * @return true if this call released it; false if the key is held by another owner or
     * acquire (a newer token), or already free
     */
    public boolean release(String key, long fencingToken) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(LOCK_KEY, AttributeValue.fromS(key)))
                    .updateExpression(UPDATE_RELEASE)
                    .conditionExpression(CONDITION_HELD)
                    .expressionAttributeNames(Map.of("#owner", OWNER, "#token", TOKEN, "#acquireId", ACQUIRE_ID,
                            "#leaseUntil", LEASE_UNTIL, "#ttl", TTL))
                    .expressionAttributeValues(Map.of(
                            ":owner", AttributeValue.fromS(owner),
                            ":token", number(fencingToken),
                            ":ttl", number(ttlSeconds(clock.millis()))))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException notHeld) {
            // A retried release whose first try landed finds the key free under our own token.
            Map<String, AttributeValue> current = notHeld.item();
            return current != null && !current.containsKey(OWNER) && current.containsKey(TOKEN)
                    && Long.toString(fencingToken).equals(current.get(TOKEN).n());
        }
    }

    /** The owner id this instance acquires as. */
    public String owner() {
        return owner;
    }

    public String tableName() {
        return tableName;
    }

    public Duration clockSkewAllowance() {
        return clockSkewAllowance;
    }

    Clock clock() {
        return clock;
    }

    private Optional<Lease> attempt(String key, Duration lease) {
        return attempt(key, lease, UUID.randomUUID().toString());
    }

    /**
     * One acquire attempt. {@code acquireId} is stored with the holding: when the SDK retries
     * a write whose first try did land (a lost response), the retry fails its condition, and
     * the returned item shows our own attempt id — so the key is ours, not someone else's.
     */
    Optional<Lease> attempt(String key, Duration lease, String acquireId) {
        long now = clock.millis();
        long leaseUntil = now + lease.toMillis();
        try {
            Map<String, AttributeValue> updated = dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(LOCK_KEY, AttributeValue.fromS(key)))
                    .updateExpression(UPDATE_ACQUIRE)
                    .conditionExpression(CONDITION_ACQUIRABLE)
                    .expressionAttributeNames(Map.of("#owner", OWNER, "#acquireId", ACQUIRE_ID, "#leaseUntil", LEASE_UNTIL,
                            "#ttl", TTL, "#token", TOKEN))
                    .expressionAttributeValues(Map.of(
                            ":owner", AttributeValue.fromS(owner),
                            ":acquireId", AttributeValue.fromS(acquireId),
                            ":leaseUntil", number(leaseUntil),
                            ":ttl", number(ttlSeconds(leaseUntil)),
                            ":tokenFloor", number(nextTokenFloor(now)),
                            ":one", number(1),
                            ":expiredBefore", number(now - clockSkewAllowance.toMillis())))
                    .returnValues(ReturnValue.UPDATED_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
            return Optional.of(granted(key, Long.parseLong(updated.get(TOKEN).n()), lease, leaseUntil));
        } catch (ConditionalCheckFailedException held) {
            Map<String, AttributeValue> current = held.item();
            if (current != null && current.containsKey(ACQUIRE_ID) && acquireId.equals(current.get(ACQUIRE_ID).s())
                    && current.containsKey(OWNER) && owner.equals(current.get(OWNER).s())) {
                return Optional.of(granted(key, Long.parseLong(current.get(TOKEN).n()), lease, Long.parseLong(current.get(LEASE_UNTIL).n())));
            }
            return Optional.empty();
        }
    }

    private Lease granted(String key, long token, Duration lease, long leaseUntil) {
        Lease acquired = new Lease(this, key, owner, token, lease, Instant.ofEpochMilli(leaseUntil));
        if (renewalPeriod != null) {
            acquired.startRenewal(renewalPeriod, renewalScheduler);
        }
        return acquired;
    }

    /** Extends a held lease; package-private, used by {@link Lease#renew}. */
    Instant renew(String key, long fencingToken, Duration lease) {
        long leaseUntil = clock.millis() + lease.toMillis();
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of(LOCK_KEY, AttributeValue.fromS(key)))
                    .updateExpression(UPDATE_RENEW)
                    .conditionExpression(CONDITION_HELD)
                    .expressionAttributeNames(Map.of("#owner", OWNER, "#token", TOKEN, "#leaseUntil", LEASE_UNTIL, "#ttl", TTL))
                    .expressionAttributeValues(Map.of(
                            ":owner", AttributeValue.fromS(owner),
                            ":token", number(fencingToken),
                            ":leaseUntil", number(leaseUntil),
                            ":ttl", number(ttlSeconds(leaseUntil))))
                    .build());
            return Instant.ofEpochMilli(leaseUntil);
        } catch (ConditionalCheckFailedException lost) {
            throw new StaleLeaseException(key, fencingToken,
                    "lease on '" + key + "' (token " + fencingToken + ") was released or taken over; not renewed");
        }
    }

    /**
     * The token a key starts from when its item does not exist: the acquirer's clock in
     * microseconds. An item issues at most one token per acquire, and DynamoDB accepts far
     * fewer than a million writes a second on one item, so an item's tokens never run ahead
     * of the microsecond clock. TTL deletes an item only {@code itemRetention} (≥ 1 h) after its
     * last deadline, so a recreated item's seed is larger than every token of the deleted one
     * as long as clocks are within {@code itemRetention / 2} of each other (builder-checked
     * against the skew allowance).
     */
    static long nextTokenFloor(long nowMillis) {
        return Math.multiplyExact(nowMillis, 1000L);
    }

    private long ttlSeconds(long fromMillis) {
        return Math.floorDiv(fromMillis + itemRetention.toMillis(), 1000L) + 1;
    }

    private void validateLease(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
        if (renewalPeriod != null && renewalPeriod.multipliedBy(3).compareTo(lease) > 0) {
            throw new IllegalArgumentException("lease " + lease + " must be at least three renewal periods (" + renewalPeriod + ")");
        }
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

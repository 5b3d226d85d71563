package dev.meridian.common.lock;


/**
 * The locks table ({@code LocksTable} in the template, {@code LOCKS_TABLE} in the
 * environment): one item per lock key.
 *
 * <pre>
 * lockKey    S  hash key: the resource the lock protects, e.g. "reservation-sweeper#eu-west-1"
 * owner      S  the current holder; absent when the lock is released
 * acquireId  S  a random id of the acquire attempt that took the key (recognises an SDK retry of our own write)
 * token      N  the fencing token of the latest acquire; only grows, never removed
 * leaseUntil N  epoch millis (holder's clock) until which the holder may act
 * ttl        N  epoch seconds; DynamoDB TTL deletes the item after this (long after leaseUntil)
 * </pre>
 */
public final class LockTableSchema {

    public static final String LOCK_KEY = "lockKey";
    public static final String OWNER = "owner";
    public static final String ACQUIRE_ID = "acquireId";
    public static final String TOKEN = "token";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String TTL = "ttl";

    private LockTableSchema() {
    }
}

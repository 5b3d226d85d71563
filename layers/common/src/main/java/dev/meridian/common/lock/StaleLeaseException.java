package dev.meridian.common.lock;

/**
 * The lease is no longer the current holding of its key: another holder acquired the key
 * (with a larger fencing token) after this lease expired, or the lease was released.
 *
 * <p>Thrown by {@link Lease#renew} and by {@link FencedWrites} when a write is refused by
 * its fence. Nothing was written. The caller must stop its critical section: its view of the
 * protected data may already be out of date.
 */
public final class StaleLeaseException extends RuntimeException {

    private final String key;
    private final long fencingToken;

    public StaleLeaseException(String key, long fencingToken, String message) {
        super(message);
        this.key = key;
        this.fencingToken = fencingToken;
    }

    public String key() {
        return key;
    }

    public long fencingToken() {
        return fencingToken;
    }
}

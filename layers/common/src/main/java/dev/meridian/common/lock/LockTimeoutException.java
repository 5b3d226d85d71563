package dev.meridian.common.lock;

/**
 * {@link DistributedLock#acquire} did not get the lock within its acquire timeout (or the
 * waiting thread was interrupted; its interrupt flag is then set again). Retryable: the
 * lock is held by someone else, nothing was written.
 */
public final class LockTimeoutException extends RuntimeException {

    private final String key;

    public LockTimeoutException(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

/**
 * Lease locks on DynamoDB with fencing tokens: {@link dev.meridian.common.lock.DistributedLock}
 * hands out {@link dev.meridian.common.lock.Lease}s, and {@link dev.meridian.common.lock.FencedWrites}
 * makes writes conditional on the lease still being the newest holding of its key.
 * Guarantees and limits: {@code docs/locking.md}.
 */
package dev.meridian.common.lock;

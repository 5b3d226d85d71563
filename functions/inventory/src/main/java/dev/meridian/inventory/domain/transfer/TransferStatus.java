package dev.meridian.inventory.domain.transfer;

/**
 * A transfer's overall status as one replica sees it, derived from which of its steps that
 * replica holds (each step is an item written by one region only; none is ever cancelled
 * unilaterally):
 *
 * <pre>
 *   request (recipient) ──grant (donor: available − q, sentOut + q)──► SENT
 *                       ──decline (donor: nothing moved)─────────────► DECLINED
 *   SENT ──receipt (recipient: available + q, receivedIn + q)──► RECEIVED
 * </pre>
 *
 * A receipt decides {@code RECEIVED} even where the grant has not replicated yet.
 */
public enum TransferStatus {
    REQUESTED, SENT, RECEIVED, DECLINED
}

package dev.meridian.payments.adapters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the sandbox processor's ledger: the charge or the refund of one order.
 *
 * @param outcome  {@code APPROVED} or {@code DECLINED} for a charge, {@code REFUNDED} for a refund
 * @param id       the charge id (null for a declined charge) or the refund id
 * @param chargeId the charge a refund refers to (for a charge: same as {@code id})
 * @param reason   the decline code of a declined charge, else null
 * @param requests how many calls the processor received for this line; every call after the
 *                 first was answered with the first call's result (idempotency key = order id)
 */
public record LedgerEntry(String orderId, Kind kind, String outcome, String id, String chargeId, long amount,
                          String currency, String reason, long requests, Instant createdAt) {

    public enum Kind { CHARGE, REFUND }

    public static final String APPROVED = "APPROVED";
    public static final String DECLINED = "DECLINED";
    public static final String REFUNDED = "REFUNDED";

    public LedgerEntry {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Money actually moved to the merchant: an approved charge. */
    public boolean isApprovedCharge() {
        return kind == Kind.CHARGE && APPROVED.equals(outcome);
    }

    public boolean isRefund() {
        return kind == Kind.REFUND;
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("orderId", orderId);
        node.put("kind", kind.name());
        node.put("outcome", outcome);
        node.put("id", id);
        node.put("chargeId", chargeId);
        node.put("amount", amount);
        node.put("currency", currency);
        node.put("reason", reason);
        node.put("requests", requests);
        node.put("createdAt", createdAt.toString());
        return node;
    }
}

package dev.meridian.inventory.domain.transfer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Stock moving from region {@code from} (the donor) to region {@code to} (the recipient). The
 * transfer id is chosen by the recipient when it writes the request, so every step of one
 * transfer names the same id and a replayed step finds its own earlier write.
 */
public record Transfer(String transferId, String sku, String from, String to, long quantity) {

    public Transfer {
        requireText(transferId, "transferId");
        requireText(sku, "sku");
        requireText(from, "from");
        requireText(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("a transfer needs two regions; from and to are both " + from);
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /**
     * The overall status given the steps one replica holds. A grant and a decline of the same
     * transfer cannot both exist (the donor writes one or the other, conditionally); if they
     * do, the data is corrupt and this says so rather than guessing.
     */
    public static TransferStatus status(Set<TransferStep> seen) {
        Set<TransferStep> steps = seen.isEmpty() ? EnumSet.noneOf(TransferStep.class) : EnumSet.copyOf(seen);
        if (steps.contains(TransferStep.GRANT) && steps.contains(TransferStep.DECLINE)) {
            throw new IllegalStateException("a transfer was both granted and declined: " + steps);
        }
        if (steps.contains(TransferStep.RECEIPT)) {
            if (steps.contains(TransferStep.DECLINE)) {
                throw new IllegalStateException("a declined transfer was received: " + steps);
            }
            return TransferStatus.RECEIVED;
        }
        if (steps.contains(TransferStep.GRANT)) {
            return TransferStatus.SENT;
        }
        if (steps.contains(TransferStep.DECLINE)) {
            return TransferStatus.DECLINED;
        }
        if (steps.contains(TransferStep.REQUEST)) {
            return TransferStatus.REQUESTED;
        }
        throw new IllegalArgumentException("no step of the transfer is known");
    }
}

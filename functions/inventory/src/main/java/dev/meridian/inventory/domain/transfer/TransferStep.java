package dev.meridian.inventory.domain.transfer;

/** The steps of a transfer and the region that writes each (its only writer). */
public enum TransferStep {
    /** Written by the recipient: "send me {@code quantity} of {@code sku}". */
    REQUEST,
    /** Written by the donor, in the transaction that takes the units from its allocation. */
    GRANT,
    /** Written by the donor instead of a grant when it cannot or will not give; nothing moves. */
    DECLINE,
    /** Written by the recipient, in the transaction that credits its allocation. */
    RECEIPT;

    /** The region that writes this step of {@code transfer}. */
    public String writer(Transfer transfer) {
        return switch (this) {
            case REQUEST, RECEIPT -> transfer.to();
            case GRANT, DECLINE -> transfer.from();
        };
    }
}

package dev.meridian.payments.domain;

import java.util.Objects;

/** What the processor answered to a charge. */
public sealed interface ChargeResult {

    /** The charge was taken; {@code chargeId} identifies it at the processor. */
    record Approved(String chargeId) implements ChargeResult {
        public Approved {
            Objects.requireNonNull(chargeId, "chargeId");
        }
    }

    /** The charge was refused; nothing was taken. {@code reason} is the processor's code. */
    record Declined(String reason) implements ChargeResult {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static ChargeResult approved(String chargeId) {
        return new Approved(chargeId);
    }

    static ChargeResult declined(String reason) {
        return new Declined(reason);
    }
}

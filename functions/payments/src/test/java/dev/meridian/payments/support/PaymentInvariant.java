package dev.meridian.payments.support;

import dev.meridian.payments.adapters.LedgerEntry;
import dev.meridian.payments.domain.Payment;
import dev.meridian.payments.domain.PaymentStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * Invariant 3 of the design, checked on the processor's ledger and the outbox: an order is
 * charged at most once; a cancelled order's charge is refunded; events match the ledger.
 */
public final class PaymentInvariant {

    private PaymentInvariant() {
    }

    /**
     * @param cancelled whether the order was cancelled
     * @return the violations, empty when the invariant holds
     */
    public static List<String> check(PaymentsHarness bed, String orderId, boolean cancelled) {
        List<String> violations = new ArrayList<>();
        // every ledger line about this order, including any the processor filed under another key
        List<LedgerEntry> entries = bed.ledger.entries().stream().filter(e -> e.orderId().startsWith(orderId)).toList();
        long charges = entries.stream().filter(LedgerEntry::isApprovedCharge).count();
        long refunds = entries.stream().filter(LedgerEntry::isRefund).count();
        List<String> events = bed.outboxTypes(orderId);
        long captured = events.stream().filter("PaymentCaptured"::equals).count();
        long refunded = events.stream().filter("PaymentRefunded"::equals).count();
        Payment payment = bed.repository.find(orderId).orElse(null);

        if (charges > 1) {
            violations.add("order " + orderId + " charged " + charges + " times");
        }
        if (captured > 1 || refunded > 1) {
            violations.add("order " + orderId + " emitted " + events);
        }
        if (refunds != refunded || refunds > charges) {
            violations.add("order " + orderId + " has " + refunds + " refunds, " + refunded + " PaymentRefunded, "
                    + charges + " charges");
        }
        if (cancelled) {
            if (charges != refunds) {
                violations.add("cancelled order " + orderId + " has " + charges + " charges but " + refunds + " refunds");
            }
            PaymentStatus expected = charges == 0 ? PaymentStatus.CANCELLED : PaymentStatus.REFUNDED;
            if (payment == null || payment.status() != expected) {
                violations.add("cancelled order " + orderId + " payment is " + (payment == null ? "missing" : payment.status())
                        + ", expected " + expected);
            }
        } else if (charges == 1 && (payment == null || payment.status() != PaymentStatus.CAPTURED || captured != 1)) {
            violations.add("charged order " + orderId + " payment is " + (payment == null ? "missing" : payment.status())
                    + " with events " + events);
        }
        return violations;
    }
}

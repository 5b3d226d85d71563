package dev.meridian.inventory.domain.transfer;

import dev.meridian.inventory.domain.Stock;

import java.util.Collection;
import java.util.Optional;

/**
 * What a transfer's steps do to allocations. Pure: the adapters write the result in the same
 * transaction as the step's item, conditional on the allocation they read.
 */
public final class TransferMath {

    private TransferMath() {
    }

    /** The donor's allocation after granting {@code quantity}; empty when it has fewer available. */
    public static Optional<Stock> grant(Stock donor, long quantity) {
        requirePositive(quantity);
        if (donor.available() < quantity) {
            return Optional.empty();
        }
        return Optional.of(new Stock(donor.available() - quantity, donor.reserved(), donor.sold(), donor.restocked(),
                Math.addExact(donor.sentOut(), quantity), donor.receivedIn()));
    }

    /** The recipient's allocation after receiving {@code quantity}. */
    public static Stock receive(Stock recipient, long quantity) {
        requirePositive(quantity);
        return new Stock(Math.addExact(recipient.available(), quantity), recipient.reserved(), recipient.sold(),
                recipient.restocked(), recipient.sentOut(), Math.addExact(recipient.receivedIn(), quantity));
    }

    /** Units granted and not yet received, for one sku: Σ sentOut − Σ receivedIn over every region's allocation. */
    public static long inTransit(Collection<Stock> allocations) {
        long sent = 0;
        long received = 0;
        for (Stock s : allocations) {
            sent = Math.addExact(sent, s.sentOut());
            received = Math.addExact(received, s.receivedIn());
        }
        return sent - received;
    }

    /** Conservation for one sku across regions: Σ restocked = Σ (available + reserved + sold) + in transit. */
    public static boolean conserved(Collection<Stock> allocations) {
        long restocked = 0;
        long held = 0;
        for (Stock s : allocations) {
            if (!s.conserved()) {
                return false;
            }
            restocked = Math.addExact(restocked, s.restocked());
            held = Math.addExact(held, s.available() + s.reserved() + s.sold());
        }
        long transit = inTransit(allocations);
        return transit >= 0 && restocked == held + transit;
    }

    private static void requirePositive(long quantity) {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
        }
    }
}

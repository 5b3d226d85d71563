package dev.meridian.load;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a load run knows at the end: what it placed, and what the API and the ledger say.
 *
 * @param restocksRequested     sku → the quantity the run restocked it with, in one keyed request
 * @param requestsWithoutAnswer order requests that got no final answer (their orders, if any, are
 *                              found in the customers' lists and placed with a null token)
 */
public record LoadState(Map<String, Placed> placed, Map<String, Observed> orders, Map<String, Stock> stock,
                        Map<String, Charges> ledger, Set<String> dlqOrderIds, long dlqMessages, boolean ledgerExclusive,
                        Map<String, Long> restocksRequested, long requestsWithoutAnswer) {

    /**
     * An order the run placed and the API accepted (202).
     *
     * @param lines           sku → quantity
     * @param token           the payment test token it carried
     * @param cancelRequested the run asked to cancel it
     */
    public record Placed(String orderId, String customer, Map<String, Long> lines, String token, boolean cancelRequested) {

        /** Found in a customer's list, not in an answer (token unknown). */
        public boolean foundWithoutAnswer() {
            return token == null;
        }
    }

    /** The order as the API shows it at the end ({@code status} null: the API does not know it). */
    public record Observed(String orderId, String status, String cancellationReason, Map<String, Long> lines,
                           Instant createdAt, Instant updatedAt) {

        public boolean terminal() {
            return "CONFIRMED".equals(status) || "CANCELLED".equals(status);
        }
    }

    /** One sku's stock in this region as {@code GET /products/{sku}} shows it. */
    public record Stock(String sku, long restocked, long available, long reserved, long sold) {
    }

    /** The sandbox ledger's counts for one order. */
    public record Charges(long charged, long refunded, long declined) {
        public static final Charges NONE = new Charges(0, 0, 0);
    }
}

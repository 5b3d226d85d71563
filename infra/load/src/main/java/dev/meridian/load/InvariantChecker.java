package dev.meridian.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks DESIGN.md's invariants on a {@link LoadState}, from the API and the ledger only:
 * <ol>
 *   <li>per sku: restocked = available + reserved + sold, nothing negative; once settled
 *       (every order on the sku terminal and none of them in a DLQ) reserved = 0 and
 *       sold = Σ quantities of the CONFIRMED orders;</li>
 *   <li>every accepted order is CONFIRMED or CANCELLED, or a message about it is in a DLQ;</li>
 *   <li>a CONFIRMED order has exactly one approved charge and no refund; a CANCELLED order has
 *       as many refunds as charges; no order has two charges; no charge for an order the API
 *       does not know (with an exclusive ledger: for an order this run did not place);</li>
 *   <li>a declined card never confirms an order;</li>
 *   <li>a request sent twice changed nothing: each sku's {@code restocked} is the one keyed
 *       restock the run sent (retried under one Idempotency-Key), and the customers hold no more
 *       orders than the run's requests account for (no retried POST created a second order).</li>
 * </ol>
 */
public final class InvariantChecker {

    public enum Kind {
        NEGATIVE_STOCK, CONSERVATION, RESERVED_AFTER_SETTLEMENT, SOLD_MISMATCH, OVERSOLD,
        NOT_TERMINAL, UNKNOWN_TO_API,
        DOUBLE_CHARGE, CONFIRMED_NOT_CHARGED, CONFIRMED_REFUNDED, MISSING_REFUND, REFUND_WITHOUT_CHARGE,
        CHARGE_WITHOUT_ORDER, DECLINED_BUT_CONFIRMED,
        RESTOCK_NOT_ONCE, DUPLICATE_ORDER
    }

    public record Violation(Kind kind, String subject, String detail) {
        @Override
        public String toString() {
            return kind + " " + subject + ": " + detail;
        }
    }

    /** The figures and the violations. */
    public record Result(List<Violation> violations, long oversoldUnits, long notTerminal, long inDlq,
                         Map<String, Long> unsettledSkus) {

        public long count(Kind kind) {
            return violations.stream().filter(v -> v.kind() == kind).count();
        }

        public boolean ok() {
            return violations.isEmpty();
        }
    }

    public Result check(LoadState state) {
        List<Violation> out = new ArrayList<>();
        long oversold = 0;
        long notTerminal = 0;
        long inDlq = 0;
        Map<String, Long> unsettled = new TreeMap<>();

        // invariant 2: terminal, or visibly in a DLQ
        Set<String> unsettledSkus = new HashSet<>();
        for (LoadState.Placed p : state.placed().values()) {
            LoadState.Observed o = state.orders().get(p.orderId());
            boolean dlq = state.dlqOrderIds().contains(p.orderId());
            if (dlq) {
                inDlq++;
                unsettledSkus.addAll(p.lines().keySet());
            }
            if (o == null || o.status() == null) {
                out.add(new Violation(Kind.UNKNOWN_TO_API, p.orderId(), "accepted (202) but GET /orders/{id} does not find it"));
                unsettledSkus.addAll(p.lines().keySet());
                continue;
            }
            if (!o.terminal()) {
                notTerminal++;
                unsettledSkus.addAll(p.lines().keySet());
                if (!dlq) {
                    out.add(new Violation(Kind.NOT_TERMINAL, p.orderId(), "status " + o.status() + " and no message about it in a DLQ"));
                }
            }
        }

        // invariant 1: per sku
        for (LoadState.Stock s : state.stock().values()) {
            if (s.available() < 0 || s.reserved() < 0 || s.sold() < 0) {
                out.add(new Violation(Kind.NEGATIVE_STOCK, s.sku(), "available " + s.available() + ", reserved " + s.reserved() + ", sold " + s.sold()));
                oversold += Math.max(0, -s.available());
            }
            long sum = s.available() + s.reserved() + s.sold();
            if (sum != s.restocked()) {
                out.add(new Violation(Kind.CONSERVATION, s.sku(), "restocked " + s.restocked() + " != available " + s.available()
                        + " + reserved " + s.reserved() + " + sold " + s.sold() + " (= " + sum + ")"));
            }
            long confirmed = 0;
            for (LoadState.Placed p : state.placed().values()) {
                LoadState.Observed o = state.orders().get(p.orderId());
                if (o != null && "CONFIRMED".equals(o.status())) {
                    confirmed += p.lines().getOrDefault(s.sku(), 0L);
                }
            }
            if (confirmed > s.restocked()) {
                oversold += confirmed - s.restocked();
                out.add(new Violation(Kind.OVERSOLD, s.sku(), "confirmed orders hold " + confirmed + " units, only " + s.restocked() + " restocked"));
            }
            if (unsettledSkus.contains(s.sku())) {
                // orders whose messages wait in a DLQ (or are still open) may hold units reserved, or sold units
                // of a cancellation not yet released: bounded by their quantities, not excused altogether
                long held = 0;
                long confirmedSettled = 0;
                for (LoadState.Placed p : state.placed().values()) {
                    long q = p.lines().getOrDefault(s.sku(), 0L);
                    LoadState.Observed o = state.orders().get(p.orderId());
                    boolean open = state.dlqOrderIds().contains(p.orderId()) || o == null || !o.terminal();
                    if (open) {
                        held += q;
                    } else if ("CONFIRMED".equals(o.status())) {
                        confirmedSettled += q;
                    }
                }
                unsettled.put(s.sku(), s.reserved());
                if (s.reserved() > held) {
                    out.add(new Violation(Kind.RESERVED_AFTER_SETTLEMENT, s.sku(), s.reserved() + " units reserved, but the orders still"
                            + " open or in a DLQ hold only " + held));
                }
                if (s.sold() < confirmedSettled || s.sold() > confirmed + held) {
                    out.add(new Violation(Kind.SOLD_MISMATCH, s.sku(), "sold " + s.sold() + " outside [" + confirmedSettled + ", "
                            + (confirmed + held) + "] (settled CONFIRMED units .. CONFIRMED + open/DLQ units)"));
                }
                continue;
            }
            if (s.reserved() != 0) {
                out.add(new Violation(Kind.RESERVED_AFTER_SETTLEMENT, s.sku(), s.reserved() + " units still reserved with every order terminal"));
            }
            if (s.sold() != confirmed) {
                out.add(new Violation(Kind.SOLD_MISMATCH, s.sku(), "sold " + s.sold() + " != " + confirmed + " units in CONFIRMED orders"));
            }
        }

        // invariant 3: the ledger
        for (LoadState.Placed p : state.placed().values()) {
            LoadState.Observed o = state.orders().get(p.orderId());
            LoadState.Charges c = state.ledger().getOrDefault(p.orderId(), LoadState.Charges.NONE);
            boolean dlq = state.dlqOrderIds().contains(p.orderId());
            if (c.charged() > 1) {
                out.add(new Violation(Kind.DOUBLE_CHARGE, p.orderId(), c.charged() + " approved charges"));
            }
            if (c.refunded() > c.charged()) {
                out.add(new Violation(Kind.REFUND_WITHOUT_CHARGE, p.orderId(), c.refunded() + " refunds for " + c.charged() + " charges"));
            }
            if (o == null || o.status() == null) {
                if (c.charged() > 0) {
                    out.add(new Violation(Kind.CHARGE_WITHOUT_ORDER, p.orderId(), "charged, but the API does not know the order"));
                }
                continue;
            }
            if ("CONFIRMED".equals(o.status())) {
                if (c.charged() != 1) {
                    out.add(new Violation(Kind.CONFIRMED_NOT_CHARGED, p.orderId(), "CONFIRMED with " + c.charged() + " approved charges"));
                }
                if (c.refunded() > 0) {
                    out.add(new Violation(Kind.CONFIRMED_REFUNDED, p.orderId(), "CONFIRMED but refunded " + c.refunded() + " time(s)"));
                }
                if ("tok_declined".equals(p.token())) {
                    out.add(new Violation(Kind.DECLINED_BUT_CONFIRMED, p.orderId(), "paid with a declined card, yet CONFIRMED"));
                }
            }
            if ("CANCELLED".equals(o.status()) && c.charged() > c.refunded() && !dlq) {
                out.add(new Violation(Kind.MISSING_REFUND, p.orderId(), "CANCELLED (" + o.cancellationReason() + ") with "
                        + c.charged() + " charge(s) and " + c.refunded() + " refund(s)"));
            }
        }
        for (Map.Entry<String, LoadState.Charges> e : state.ledger().entrySet()) {
            if (e.getValue().charged() == 0 || state.placed().containsKey(e.getKey())) {
                continue;
            }
            LoadState.Observed o = state.orders().get(e.getKey());
            if (state.ledgerExclusive() || (o != null && o.status() == null)) {
                out.add(new Violation(Kind.CHARGE_WITHOUT_ORDER, e.getKey(), "the ledger holds a charge for an order this run did not place"));
            }
        }
        // invariant 4: requests retried under one Idempotency-Key took effect once
        state.restocksRequested().forEach((sku, quantity) -> {
            LoadState.Stock s = state.stock().get(sku);
            if (s != null && s.restocked() != quantity) {
                out.add(new Violation(Kind.RESTOCK_NOT_ONCE, sku, "restocked " + s.restocked() + " after one restock of " + quantity));
            }
        });
        long found = state.placed().values().stream().filter(LoadState.Placed::foundWithoutAnswer).count();
        if (found > state.requestsWithoutAnswer()) {
            out.add(new Violation(Kind.DUPLICATE_ORDER, "orders", (found - state.requestsWithoutAnswer())
                    + " more orders in the customers' lists than this run's requests account for ("
                    + state.requestsWithoutAnswer() + " requests without an answer, " + found + " orders found without one)"));
        }
        return new Result(List.copyOf(out), oversold, notTerminal, inDlq, unsettled);
    }
}

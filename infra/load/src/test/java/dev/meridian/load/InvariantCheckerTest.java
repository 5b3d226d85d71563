package dev.meridian.load;

import dev.meridian.load.InvariantChecker.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InvariantCheckerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private final Map<String, LoadState.Placed> placed = new HashMap<>();
    private final Map<String, LoadState.Observed> orders = new HashMap<>();
    private final Map<String, LoadState.Stock> stock = new HashMap<>();
    private final Map<String, LoadState.Charges> ledger = new HashMap<>();
    private final Map<String, Long> restocks = new HashMap<>();
    private long requestsWithoutAnswer;

    private void order(String id, String sku, long qty, String token, String status, String reason, long charged, long refunded) {
        placed.put(id, new LoadState.Placed(id, "alice", Map.of(sku, qty), token, false));
        orders.put(id, new LoadState.Observed(id, status, reason, Map.of(sku, qty), T0, T0.plusSeconds(1)));
        if (charged + refunded > 0) {
            ledger.put(id, new LoadState.Charges(charged, refunded, 0));
        }
    }

    private InvariantChecker.Result check(Set<String> dlq) {
        return new InvariantChecker().check(new LoadState(placed, orders, stock, ledger, dlq, dlq.size(), true, restocks,
                requestsWithoutAnswer));
    }

    @Test
    void check_shouldFindNothing_whenEveryInvariantHolds() {
        // given: 10 restocked; o1 confirmed (3 sold, charged once); o2 declined; o3 cancelled after capture and refunded
        stock.put("A", new LoadState.Stock("A", 10, 7, 0, 3));
        restocks.put("A", 10L);
        order("o1", "A", 3, "tok_ok", "CONFIRMED", null, 1, 0);
        order("o2", "A", 1, "tok_declined", "CANCELLED", "PAYMENT_DECLINED", 0, 0);
        order("o3", "A", 2, "tok_ok", "CANCELLED", "CUSTOMER_CANCELLED", 1, 1);
        // o4's POST got no answer; the order was found in alice's list
        requestsWithoutAnswer = 1;
        placed.put("o4", new LoadState.Placed("o4", "alice", Map.of("A", 2L), null, false));
        orders.put("o4", new LoadState.Observed("o4", "CANCELLED", "OUT_OF_STOCK", Map.of("A", 2L), T0, T0.plusSeconds(1)));

        // when
        InvariantChecker.Result result = check(Set.of());

        // then
        assertThat(result.violations()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void check_shouldReportEachViolation_whenTheStateIsFabricatedToBreakThem() {
        // given (negative control): every kind of breakage, one per subject
        stock.put("NEG", new LoadState.Stock("NEG", 5, -2, 0, 7));             // negative and oversold
        stock.put("LEAK", new LoadState.Stock("LEAK", 10, 5, 0, 4));           // 9 != 10
        stock.put("HELD", new LoadState.Stock("HELD", 10, 8, 2, 0));           // reserved with everything terminal
        stock.put("SOLD", new LoadState.Stock("SOLD", 10, 5, 0, 5));           // sold 5, confirmed 3
        order("n1", "NEG", 7, "tok_ok", "CONFIRMED", null, 1, 0);
        order("s1", "SOLD", 3, "tok_ok", "CONFIRMED", null, 1, 0);
        order("twice", "HELD", 1, "tok_ok", "CONFIRMED", null, 2, 0);           // double charge
        order("free", "HELD", 1, "tok_ok", "CONFIRMED", null, 0, 0);            // confirmed, never charged
        order("back", "HELD", 1, "tok_ok", "CONFIRMED", null, 1, 1);            // confirmed and refunded
        order("kept", "HELD", 1, "tok_ok", "CANCELLED", "CUSTOMER_CANCELLED", 1, 0);  // refund missing
        order("gift", "HELD", 1, "tok_ok", "CANCELLED", "OUT_OF_STOCK", 0, 1);  // refund without charge
        order("lucky", "HELD", 1, "tok_declined", "CONFIRMED", null, 1, 0);     // declined card confirmed
        order("stuck", "LEAK", 1, "tok_ok", "PENDING", null, 0, 0);             // not terminal, not in a DLQ
        order("parked", "LEAK", 1, "tok_ok", "PENDING", null, 0, 0);            // not terminal, but in a DLQ: allowed
        placed.put("ghost", new LoadState.Placed("ghost", "alice", Map.of("LEAK", 1L), "tok_ok", false));
        ledger.put("ghost", new LoadState.Charges(1, 0, 0));                     // accepted, unknown to the API, charged
        ledger.put("stranger", new LoadState.Charges(1, 0, 0));                  // a charge for an order never placed
        restocks.put("SOLD", 5L);                                               // restocked 10 after one restock of 5
        placed.put("extra", new LoadState.Placed("extra", "alice", Map.of("LEAK", 0L), null, false));  // found, no request left
        orders.put("extra", new LoadState.Observed("extra", "CANCELLED", "OUT_OF_STOCK", Map.of("LEAK", 0L), T0, T0));

        // when
        InvariantChecker.Result result = check(Set.of("parked"));

        // then
        assertThat(result.violations()).extracting(v -> v.kind() + " " + v.subject()).contains(
                "NEGATIVE_STOCK NEG", "OVERSOLD NEG", "CONSERVATION LEAK", "RESERVED_AFTER_SETTLEMENT HELD",
                "SOLD_MISMATCH SOLD", "DOUBLE_CHARGE twice", "CONFIRMED_NOT_CHARGED free", "CONFIRMED_NOT_CHARGED twice",
                "CONFIRMED_REFUNDED back", "MISSING_REFUND kept", "REFUND_WITHOUT_CHARGE gift", "DECLINED_BUT_CONFIRMED lucky",
                "NOT_TERMINAL stuck", "UNKNOWN_TO_API ghost", "CHARGE_WITHOUT_ORDER ghost", "CHARGE_WITHOUT_ORDER stranger",
                "RESTOCK_NOT_ONCE SOLD", "DUPLICATE_ORDER orders");
        assertThat(result.violations()).extracting(InvariantChecker.Violation::subject).doesNotContain("parked");
        for (Kind kind : Kind.values()) {
            assertThat(result.count(kind)).as("the control covers " + kind).isPositive();
        }
        assertThat(result.oversoldUnits()).isEqualTo(2 + 2);
        assertThat(result.notTerminal()).isEqualTo(2);
        assertThat(result.inDlq()).isEqualTo(1);
        assertThat(result.unsettledSkus()).containsOnlyKeys("LEAK");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void check_shouldExcuseSettlement_butNotConservation_whenAnOrderOfTheSkuIsInADlq() {
        // given: the OrderConfirmed of o1 sits in a DLQ, so its units are still reserved
        stock.put("A", new LoadState.Stock("A", 10, 7, 3, 0));
        order("o1", "A", 3, "tok_ok", "CONFIRMED", null, 1, 0);

        // when / then
        assertThat(check(Set.of("o1")).violations()).isEmpty();
        stock.put("A", new LoadState.Stock("A", 10, 6, 4, 0));
        assertThat(check(Set.of("o1")).violations()).as("more reserved than the DLQ'd order holds")
                .extracting(InvariantChecker.Violation::kind).containsExactly(Kind.RESERVED_AFTER_SETTLEMENT);
        stock.put("A", new LoadState.Stock("A", 10, 3, 0, 7));
        assertThat(check(Set.of("o1")).violations()).as("more sold than confirmed + DLQ'd orders")
                .extracting(InvariantChecker.Violation::kind).containsExactly(Kind.SOLD_MISMATCH);
        stock.put("A", new LoadState.Stock("A", 10, 7, 3, 0));
        assertThat(check(Set.of()).violations()).extracting(InvariantChecker.Violation::kind)
                .containsExactlyInAnyOrder(Kind.RESERVED_AFTER_SETTLEMENT, Kind.SOLD_MISMATCH);
    }
}

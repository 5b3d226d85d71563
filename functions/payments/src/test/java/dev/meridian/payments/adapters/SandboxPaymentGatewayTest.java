package dev.meridian.payments.adapters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.payments.app.GatewayTimeoutException;
import dev.meridian.payments.app.RefundRejectedException;
import dev.meridian.payments.domain.ChargeResult;
import dev.meridian.payments.domain.PaymentToken;
import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.TemplateTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LocalEngines.class)
class SandboxPaymentGatewayTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
    private static SandboxPaymentGateway gateway;
    private static SandboxLedger ledger;

    @BeforeAll
    static void tables() {
        String ledgerTable = LocalEngines.uniqueName("ledger");
        TemplateTables.create(LocalEngines.dynamoDb(), "SandboxLedgerTable", ledgerTable);
        gateway = new SandboxPaymentGateway(LocalEngines.dynamoDb(), ledgerTable, CLOCK);
        ledger = new SandboxLedger(LocalEngines.dynamoDb(), ledgerTable);
    }

    private static String newOrderId() {
        return "ord-" + UUID.randomUUID();
    }

    @Test
    void charge_shouldApproveAndRecordTheCharge_whenTokenIsTokOk() {
        // given
        String orderId = newOrderId();

        // when
        ChargeResult result = gateway.charge(orderId, 1500, "EUR", PaymentToken.of("tok_ok"));

        // then
        assertThat(result).isInstanceOf(ChargeResult.Approved.class);
        LedgerEntry entry = ledger.entries(orderId).get(0);
        assertThat(entry.id()).isEqualTo(((ChargeResult.Approved) result).chargeId()).startsWith("ch_sandbox_");
        assertThat(entry.amount()).isEqualTo(1500);
        assertThat(entry.currency()).isEqualTo("EUR");
        assertThat(entry.requests()).isEqualTo(1);
        assertThat(ledger.approvedCharges(orderId)).isEqualTo(1);
    }

    @Test
    void charge_shouldDeclineAndRecordTheAttempt_whenTokenIsTokDeclined() {
        // given
        String orderId = newOrderId();

        // when
        ChargeResult result = gateway.charge(orderId, 1500, "EUR", PaymentToken.of("tok_declined"));

        // then
        assertThat(result).isEqualTo(new ChargeResult.Declined(SandboxPaymentGateway.DECLINE_CARD));
        assertThat(ledger.entries(orderId)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(LedgerEntry.DECLINED);
            assertThat(e.reason()).isEqualTo("card_declined");
            assertThat(e.id()).isNull();
        });
        assertThat(ledger.approvedCharges(orderId)).isZero();
    }

    @Test
    void charge_shouldDecline_whenTokenIsNotATestToken() {
        // given
        String orderId = newOrderId();

        // when
        ChargeResult result = gateway.charge(orderId, 1500, "EUR", PaymentToken.of("tok_visa_4242"));

        // then
        assertThat(result).isEqualTo(new ChargeResult.Declined(SandboxPaymentGateway.DECLINE_UNKNOWN_TOKEN));
        assertThat(ledger.entries(orderId)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(LedgerEntry.DECLINED));
    }

    @Test
    void charge_shouldRecordThenTimeOutThenReturnTheSameCharge_whenTokenIsTokTimeout() {
        // given
        String orderId = newOrderId();

        // when: the first call takes the charge and loses the answer
        assertThatThrownBy(() -> gateway.charge(orderId, 990, "USD", PaymentToken.of("tok_timeout")))
                .isInstanceOf(GatewayTimeoutException.class)
                .hasMessageNotContaining("tok_timeout");
        LedgerEntry recorded = ledger.entries(orderId).get(0);

        // then: the retry finds it
        ChargeResult retry = gateway.charge(orderId, 990, "USD", PaymentToken.of("tok_timeout"));
        assertThat(retry).isEqualTo(new ChargeResult.Approved(recorded.id()));
        assertThat(ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(ledger.entries(orderId).get(0).requests()).isEqualTo(2);
    }

    @Test
    void charge_shouldReturnTheFirstResult_whenTheSameOrderIsChargedAgain() {
        // given
        String orderId = newOrderId();
        ChargeResult first = gateway.charge(orderId, 100, "USD", PaymentToken.of("tok_ok"));

        // when: even a different token replays the first answer (idempotency key = order id)
        ChargeResult second = gateway.charge(orderId, 100, "USD", PaymentToken.of("tok_declined"));

        // then
        assertThat(second).isEqualTo(first);
        assertThat(ledger.approvedCharges(orderId)).isEqualTo(1);
    }

    @Test
    void charge_shouldRefuse_whenTheOrderIsChargedAgainWithADifferentAmount() {
        // given
        String orderId = newOrderId();
        gateway.charge(orderId, 100, "USD", PaymentToken.of("tok_ok"));

        // when / then
        assertThatThrownBy(() -> gateway.charge(orderId, 200, "USD", PaymentToken.of("tok_ok")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused");
        assertThat(ledger.approvedCharges(orderId)).isEqualTo(1);
    }

    @Test
    void refund_shouldReturnTheSameRefundId_whenRepeated() {
        // given
        String orderId = newOrderId();
        String chargeId = ((ChargeResult.Approved) gateway.charge(orderId, 700, "USD", PaymentToken.of("tok_ok"))).chargeId();

        // when
        String first = gateway.refund(orderId, chargeId, 700);
        String second = gateway.refund(orderId, chargeId, 700);

        // then
        assertThat(second).isEqualTo(first).startsWith("re_sandbox_");
        assertThat(ledger.refunds(orderId)).isEqualTo(1);
        assertThat(ledger.entries(orderId)).extracting(LedgerEntry::kind)
                .containsExactly(LedgerEntry.Kind.CHARGE, LedgerEntry.Kind.REFUND);
        assertThat(ledger.entries(orderId).get(1).chargeId()).isEqualTo(chargeId);
    }

    @Test
    void refund_shouldBeRejected_whenTheOrderHasNoApprovedCharge() {
        // given
        String declined = newOrderId();
        gateway.charge(declined, 700, "USD", PaymentToken.of("tok_declined"));
        String charged = newOrderId();
        gateway.charge(charged, 700, "USD", PaymentToken.of("tok_ok"));

        // when / then
        assertThatThrownBy(() -> gateway.refund(newOrderId(), "ch_x", 700)).isInstanceOf(RefundRejectedException.class);
        assertThatThrownBy(() -> gateway.refund(declined, "ch_x", 700)).isInstanceOf(RefundRejectedException.class);
        assertThatThrownBy(() -> gateway.refund(charged, "ch_other", 700)).isInstanceOf(RefundRejectedException.class);
        assertThat(ledger.refunds(charged)).isZero();
    }

    @Test
    void toJson_shouldSummariseChargesAndRefundsPerOrder_whenTheLedgerHasEntries() {
        // given
        String orderId = newOrderId();
        String chargeId = ((ChargeResult.Approved) gateway.charge(orderId, 700, "USD", PaymentToken.of("tok_ok"))).chargeId();
        gateway.refund(orderId, chargeId, 700);

        // when
        ObjectNode json = ledger.toJson();

        // then
        assertThat(json.path("orders").path(orderId).path("charged").asLong()).isEqualTo(1);
        assertThat(json.path("orders").path(orderId).path("refunded").asLong()).isEqualTo(1);
        assertThat(json.path("entries").size()).isEqualTo(ledger.entries().size());
        assertThat(json.toString()).doesNotContain("tok_");
    }
}

package dev.meridian.payments.handlers;

import dev.meridian.payments.adapters.LedgerEntry;
import dev.meridian.payments.app.GatewayTimeoutException;
import dev.meridian.payments.app.PaymentGateway;
import dev.meridian.payments.domain.ChargeResult;
import dev.meridian.payments.domain.PaymentStatus;
import dev.meridian.payments.domain.PaymentToken;
import dev.meridian.payments.support.TestEvents;
import dev.meridian.payments.support.PaymentsHarness;
import dev.meridian.payments.support.PaymentsHarness.OutboxItem;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static dev.meridian.payments.support.PaymentsHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;

/** The payment saga steps, end to end through the Lambda handler against DynamoDB Local. */
@ExtendWith(LocalEngines.class)
class PaymentEventsHandlerTest {

    private static PaymentsHarness bed;

    @BeforeAll
    static void tables() {
        bed = new PaymentsHarness();
    }

    private static String newOrderId() {
        return "ord-" + UUID.randomUUID();
    }

    @Test
    void handleRequest_shouldCaptureAndEmitPaymentCaptured_whenTokenApproves() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_ok");

        // when
        List<String> failed = bed.deliver(TestEvents.inventoryReserved(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        List<OutboxItem> outbox = bed.outbox(orderId);
        assertThat(outbox).extracting(OutboxItem::detailType).containsExactly("PaymentCaptured");
        OutboxItem captured = outbox.get(0);
        assertThat(captured.source()).isEqualTo("meridian.payments");
        assertThat(captured.detail().path("correlationId").asText()).isEqualTo(orderId);
        assertThat(captured.detail().path("region").asText()).isEqualTo(PaymentsHarness.REGION);
        assertThat(captured.detail().path("traceparent").asText())
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(captured.data().path("amount").asLong()).isEqualTo(TestEvents.fixtureTotal());
        assertThat(captured.data().path("currency").asText()).isEqualTo("USD");
        assertThat(captured.data().path("chargeId").asText()).isEqualTo(bed.payment(orderId).chargeId())
                .isEqualTo(bed.ledger.entries(orderId).get(0).id());
    }

    @Test
    void handleRequest_shouldDeclineAndEmitPaymentFailed_whenTokenDeclines() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_declined");

        // when
        List<String> failed = bed.deliver(TestEvents.inventoryReserved(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(bed.ledger.approvedCharges(orderId)).isZero();
        assertThat(bed.ledger.entries(orderId)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(LedgerEntry.DECLINED));
        List<OutboxItem> outbox = bed.outbox(orderId);
        assertThat(outbox).extracting(OutboxItem::detailType).containsExactly("PaymentFailed");
        assertThat(outbox.get(0).data().path("reason").asText()).isEqualTo("PAYMENT_DECLINED");
    }

    @Test
    void handleRequest_shouldDecline_whenTokenIsNotASandboxTestToken() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_live_looking_4242");

        // when
        List<String> failed = bed.deliver(TestEvents.inventoryReserved(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentFailed");
    }

    @Test
    void handleRequest_shouldFailFirstDeliveryThenCaptureOnce_whenGatewayTimesOut() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_timeout");
        String body = TestEvents.inventoryReserved(orderId);

        // when: first delivery, the processor takes the charge but the answer is lost
        List<String> firstFailed = bed.deliver(body);

        // then: the message is retried, the ledger already holds the charge, nothing is emitted yet
        assertThat(firstFailed).containsExactly("m0");
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(bed.outbox(orderId)).isEmpty();

        // when: the redelivery
        List<String> secondFailed = bed.deliver(body);

        // then: captured with the first charge, never charged twice
        assertThat(secondFailed).isEmpty();
        LedgerEntry charge = bed.ledger.entries(orderId).get(0);
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(charge.requests()).isEqualTo(2);
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(bed.payment(orderId).chargeId()).isEqualTo(charge.id());
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentCaptured");
    }

    @Test
    void handleRequest_shouldChargeOnceAndEmitOnce_whenInventoryReservedIsDeliveredTwice() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_ok");
        bed.deliver(TestEvents.inventoryReserved(orderId));

        // when: the same event again, and a copy with a new event id in the same batch
        List<String> failed = bed.deliver(TestEvents.inventoryReserved(orderId),
                TestEvents.inventoryReserved(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(bed.ledger.entries(orderId).get(0).requests()).isEqualTo(1);
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentCaptured");
        // REQUESTED (1) → PENDING (2) → CAPTURED (3): the duplicates changed nothing
        assertThat(bed.payment(orderId).version()).isEqualTo(3);
    }

    @Test
    void handleRequest_shouldNeverCharge_whenOrderCancelledArrivesBeforeInventoryReserved() {
        // given
        String orderId = newOrderId();
        bed.deliver(TestEvents.orderCancelled(orderId));

        // when: the late request and reservation
        List<String> failed = bed.deliver(TestEvents.paymentRequested(orderId, "tok_ok"), TestEvents.inventoryReserved(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(bed.payment(orderId).money()).isNull();
        assertThat(bed.ledger.entries(orderId)).isEmpty();
        assertThat(bed.outbox(orderId)).isEmpty();
    }

    @Test
    void handleRequest_shouldRefundOnceAndEmitPaymentRefunded_whenOrderCancelledAfterCapture() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_ok");
        bed.deliver(TestEvents.inventoryReserved(orderId));

        // when
        List<String> failed = bed.deliver(TestEvents.orderCancelled(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(bed.ledger.refunds(orderId)).isEqualTo(1);
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentCaptured", "PaymentRefunded");
        OutboxItem refunded = bed.outbox(orderId).stream().filter(i -> i.detailType().equals("PaymentRefunded"))
                .findFirst().orElseThrow();
        assertThat(refunded.data().path("refundId").asText()).isEqualTo(bed.payment(orderId).refundId());
        assertThat(refunded.data().path("amount").asLong()).isEqualTo(TestEvents.fixtureTotal());
        assertThat(refunded.data().path("currency").asText()).isEqualTo("USD");
    }

    @Test
    void handleRequest_shouldRefundOnce_whenOrderCancelledIsDeliveredTwice() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_ok");
        bed.deliver(TestEvents.inventoryReserved(orderId));
        bed.deliver(TestEvents.orderCancelled(orderId));

        // when
        List<String> failed = bed.deliver(TestEvents.orderCancelled(orderId), TestEvents.orderCancelled(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.ledger.refunds(orderId)).isEqualTo(1);
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentCaptured", "PaymentRefunded");
    }

    @Test
    void handleRequest_shouldChargeThenRefund_whenOrderIsCancelledWhileItsChargeIsInProgress() {
        // given: the cancel is handled while the charge call is in flight (payment PENDING)
        String orderId = newOrderId();
        bed.requested(orderId, "tok_ok");
        UnaryOperator<PaymentGateway> cancelDuringCharge = gateway -> new ForwardingGateway(gateway) {
            @Override
            public ChargeResult charge(String id, long amount, String currency, PaymentToken token) {
                assertThat(deliver(bed.handler(), TestEvents.orderCancelled(id))).isEmpty();
                assertThat(bed.payment(id).status()).isEqualTo(PaymentStatus.CANCELLED);
                return super.charge(id, amount, currency, token);
            }
        };

        // when
        List<String> failed = deliver(bed.handler(cancelDuringCharge), TestEvents.inventoryReserved(orderId));

        // then: the charge went through and was refunded; no PaymentCaptured for a cancelled order
        assertThat(failed).isEmpty();
        assertThat(bed.ledger.entries(orderId)).extracting(LedgerEntry::kind)
                .containsExactly(LedgerEntry.Kind.CHARGE, LedgerEntry.Kind.REFUND);
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentRefunded");
    }

    @Test
    void handleRequest_shouldRefundOnRedelivery_whenDeliveryCrashedAfterChargingAndOrderWasCancelled() {
        // given: the charge is taken, the order is cancelled, and the delivery dies before recording anything
        String orderId = newOrderId();
        bed.requested(orderId, "tok_ok");
        String body = TestEvents.inventoryReserved(orderId);
        AtomicBoolean crashed = new AtomicBoolean();
        UnaryOperator<PaymentGateway> crashAfterCharge = gateway -> new ForwardingGateway(gateway) {
            @Override
            public ChargeResult charge(String id, long amount, String currency, PaymentToken token) {
                super.charge(id, amount, currency, token);
                deliver(bed.handler(), TestEvents.orderCancelled(id));
                crashed.set(true);
                throw new GatewayTimeoutException("simulated crash after the charge");
            }
        };
        assertThat(deliver(bed.handler(crashAfterCharge), body)).containsExactly("m0");
        assertThat(crashed).isTrue();
        assertThat(bed.ledger.refunds(orderId)).isZero();

        // when: the redelivery
        List<String> failed = bed.deliver(body);

        // then: the stranded charge is found (same idempotency key) and refunded, exactly once
        assertThat(failed).isEmpty();
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(bed.ledger.refunds(orderId)).isEqualTo(1);
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentRefunded");
    }

    @Test
    void handleRequest_shouldNotRefund_whenOrderIsCancelledWhileADeclinedChargeIsInProgress() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_declined");
        UnaryOperator<PaymentGateway> cancelDuringCharge = gateway -> new ForwardingGateway(gateway) {
            @Override
            public ChargeResult charge(String id, long amount, String currency, PaymentToken token) {
                deliver(bed.handler(), TestEvents.orderCancelled(id));
                return super.charge(id, amount, currency, token);
            }
        };

        // when
        List<String> failed = deliver(bed.handler(cancelDuringCharge), TestEvents.inventoryReserved(orderId));

        // then
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(bed.ledger.approvedCharges(orderId)).isZero();
        assertThat(bed.ledger.refunds(orderId)).isZero();
        assertThat(bed.outbox(orderId)).isEmpty();
    }

    @Test
    void handleRequest_shouldReportOnlyTheBadMessages_whenABatchMixesGoodAndMalformedMessages() {
        // given
        String good1 = newOrderId();
        String good2 = newOrderId();
        String missingToken = TestEvents.paymentRequested(newOrderId(), "tok_ok").replace(",\"paymentToken\":\"tok_ok\"", "");
        String unknownType = TestEvents.orderCancelled(newOrderId()).replace("\"OrderCancelled\"", "\"OrderShipped\"");

        // when
        List<String> failed = bed.deliver(
                TestEvents.paymentRequested(good1, "tok_ok"),
                TestEvents.inventoryReserved(good1),
                "{not json",
                missingToken,
                unknownType,
                TestEvents.inventoryReserved(good2),
                TestEvents.paymentRequested(good2, "tok_ok"));

        // then
        assertThat(failed).containsExactly("m2", "m3", "m4");
        assertThat(bed.payment(good1).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(bed.payment(good2).status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void handleRequest_shouldChargeWhenTheRequestArrives_whenInventoryReservedCameFirst() {
        // given: the reservation overtook the request (separate queues deliver in any order)
        String orderId = newOrderId();
        assertThat(bed.deliver(TestEvents.inventoryReserved(orderId))).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.RESERVED);
        assertThat(bed.ledger.entries(orderId)).isEmpty();

        // when
        List<String> failed = bed.deliver(TestEvents.paymentRequested(orderId, "tok_ok"));

        // then: charged once, with the request's amount
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(bed.payment(orderId).money().amount()).isEqualTo(TestEvents.fixtureTotal());
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentCaptured");
    }

    @Test
    void handleRequest_shouldNotChargeYet_whenOnlyTheRequestHasArrived() {
        // given / when
        String orderId = newOrderId();
        List<String> failed = bed.deliver(TestEvents.paymentRequested(orderId, "tok_ok"), TestEvents.paymentRequested(orderId, "tok_ok"));

        // then: the request is recorded, nothing is charged until the stock is reserved
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.REQUESTED);
        assertThat(bed.ledger.entries(orderId)).isEmpty();
        assertThat(bed.outbox(orderId)).isEmpty();
    }

    @Test
    void handleRequest_shouldVoidWithoutCharging_whenOrderIsCancelledAfterTheRequestBeforeTheReservation() {
        // given
        String orderId = newOrderId();
        bed.requested(orderId, "tok_ok");

        // when
        List<String> failed = bed.deliver(TestEvents.orderCancelled(orderId), TestEvents.inventoryReserved(orderId));

        // then: cancelled from REQUESTED, the token dropped, never charged
        assertThat(failed).isEmpty();
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(bed.payment(orderId).cancelledFrom()).isEqualTo(PaymentStatus.REQUESTED);
        assertThat(bed.storedItem(orderId)).doesNotContainKey("paymentToken");
        assertThat(bed.ledger.entries(orderId)).isEmpty();
        assertThat(bed.outbox(orderId)).isEmpty();
    }

    @Test
    void handleRequest_shouldDropTheStoredToken_onceTheChargeIsDecided() {
        // given
        String captured = newOrderId();
        String declined = newOrderId();
        bed.requested(captured, "tok_ok");
        bed.requested(declined, "tok_declined");
        assertThat(bed.storedItem(captured)).containsKey("paymentToken");

        // when
        bed.deliver(TestEvents.inventoryReserved(captured), TestEvents.inventoryReserved(declined));

        // then: the token rests in the payments table only while a charge may still be made
        assertThat(bed.payment(captured).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(bed.payment(declined).status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(bed.storedItem(captured)).doesNotContainKey("paymentToken");
        assertThat(bed.storedItem(declined)).doesNotContainKey("paymentToken");
    }

    /** A gateway that forwards to another: tests override one call to inject a race or a crash. */
    static class ForwardingGateway implements PaymentGateway {
        private final PaymentGateway delegate;

        ForwardingGateway(PaymentGateway delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChargeResult charge(String orderId, long amount, String currency, PaymentToken token) {
            return delegate.charge(orderId, amount, currency, token);
        }

        @Override
        public String refund(String orderId, String chargeId, long amount) {
            return delegate.refund(orderId, chargeId, amount);
        }
    }
}

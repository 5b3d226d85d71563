package dev.meridian.payments.adapters;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.payments.app.PaymentEvents;
import dev.meridian.payments.app.PaymentRepository.PutResult;
import dev.meridian.payments.app.PaymentRepository.TransitionResult;
import dev.meridian.payments.domain.Money;
import dev.meridian.payments.domain.Payment;
import dev.meridian.payments.domain.PaymentRequest;
import dev.meridian.payments.domain.PaymentStatus;
import dev.meridian.payments.domain.PaymentToken;
import dev.meridian.payments.domain.Transition;
import dev.meridian.payments.support.PaymentsHarness;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalEngines.class)
class DynamoPaymentRepositoryTest {

    private static final Instant NOW = PaymentsHarness.CLOCK.instant();
    private static final Money MONEY = new Money(2598, "USD");
    private static final PaymentToken TOKEN = PaymentToken.of("tok_ok");
    private static PaymentsHarness bed;
    private static PaymentEvents events;

    @BeforeAll
    static void tables() {
        bed = new PaymentsHarness();
        events = new PaymentEvents(PaymentsHarness.CLOCK, PaymentsHarness.REGION);
    }

    private static String newOrderId() {
        return "ord-" + UUID.randomUUID();
    }

    @Test
    void conditions_shouldReadAsDocumented_whenRendered() {
        assertThat(DynamoPaymentRepository.CONDITION_NO_PAYMENT).isEqualTo("attribute_not_exists(#orderId)");
        assertThat(DynamoPaymentRepository.CONDITION_STATUS_IS).isEqualTo("#status = :expected");
        assertThat(SandboxPaymentGateway.CONDITION_FIRST_ENTRY).isEqualTo("attribute_not_exists(#pk)");
    }

    @Test
    void putIfAbsent_shouldReturnTheExistingPayment_whenTheOrderAlreadyHasOne() {
        // given
        String orderId = newOrderId();
        assertThat(bed.repository.putIfAbsent(Payment.tombstone(orderId, NOW)).created()).isTrue();

        // when
        PutResult second = bed.repository.putIfAbsent(Payment.requested(new PaymentRequest(orderId, MONEY, TOKEN), NOW));

        // then
        assertThat(second.created()).isFalse();
        assertThat(second.payment().status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CANCELLED);
    }

    @Test
    void apply_shouldWriteTheEventInTheSameTransaction_whenTheStatusMatches() {
        // given
        String orderId = newOrderId();
        putPending(orderId);

        // when
        TransitionResult result = bed.repository.apply(Transition.capture(orderId, "ch_1", NOW),
                events.captured(orderId, MONEY, "ch_1", null));

        // then
        assertThat(result.applied()).isTrue();
        Payment payment = bed.payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.chargeId()).isEqualTo("ch_1");
        assertThat(payment.version()).isEqualTo(3);
        assertThat(payment.money()).isEqualTo(MONEY);
        assertThat(payment.token()).as("dropped once the charge is decided").isNull();
        assertThat(bed.outboxTypes(orderId)).containsExactly("PaymentCaptured");
    }

    @Test
    void apply_shouldReturnTheCurrentPaymentAndWriteNoEvent_whenTheStatusMovedOn() {
        // given: cancelled while PENDING
        String orderId = newOrderId();
        putPending(orderId);
        assertThat(bed.repository.apply(Transition.cancelPending(orderId, NOW), null).applied()).isTrue();

        // when: the charge path tries to record its capture
        TransitionResult result = bed.repository.apply(Transition.capture(orderId, "ch_1", NOW),
                events.captured(orderId, MONEY, "ch_1", null));

        // then: the condition lost, the winner is returned, no event escaped
        assertThat(result.applied()).isFalse();
        assertThat(result.current().status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(result.current().cancelledFrom()).isEqualTo(PaymentStatus.PENDING);
        assertThat(result.current().mayHaveBeenCharged()).isTrue();
        assertThat(bed.outbox(orderId)).isEmpty();
    }

    @Test
    void apply_shouldReturnTheCurrentPayment_whenAnUpdateWithoutEventLosesItsCondition() {
        // given
        String orderId = newOrderId();
        putPending(orderId);
        bed.repository.apply(Transition.decline(orderId, NOW), events.failed(orderId, null));

        // when
        TransitionResult result = bed.repository.apply(Transition.cancelPending(orderId, NOW), null);

        // then
        assertThat(result.applied()).isFalse();
        assertThat(result.current().status()).isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void apply_shouldEmitOnce_whenTheSameTransitionIsRetriedWithTheSameDeterministicEvent() {
        // given
        String orderId = newOrderId();
        putPending(orderId);
        DomainEvent event = events.captured(orderId, MONEY, "ch_1", null);
        bed.repository.apply(Transition.capture(orderId, "ch_1", NOW), event);

        // when
        TransitionResult retry = bed.repository.apply(Transition.capture(orderId, "ch_1", NOW),
                events.captured(orderId, MONEY, "ch_1", null));

        // then
        assertThat(retry.applied()).isFalse();
        assertThat(bed.outbox(orderId)).singleElement()
                .satisfies(i -> assertThat(i.item().get("eventId").s()).isEqualTo(event.eventId()));
    }

    @Test
    void outboxItem_shouldCarryTheEnvelopeAndRegion_whenWritten() {
        // given
        String orderId = newOrderId();
        putPending(orderId);

        // when
        bed.repository.apply(Transition.decline(orderId, NOW), events.failed(orderId, "00-abc-def-01"));

        // then
        var item = bed.outbox(orderId).get(0);
        assertThat(item.item().get("region").s()).isEqualTo(PaymentsHarness.REGION);
        assertThat(DomainEvent.fromEventBridge(Json.parseTrusted("{\"source\":\"" + item.source()
                + "\",\"detail-type\":\"" + item.detailType() + "\",\"detail\":" + item.detail() + "}"))
                .envelope().traceparent()).isEqualTo("00-abc-def-01");
        assertThat(new Outbox(bed.outboxTable).tableName()).isEqualTo(bed.outboxTable);
    }

    /** A payment claimed for its charge: requested (with its token), then REQUESTED → PENDING. */
    private void putPending(String orderId) {
        assertThat(bed.repository.putIfAbsent(Payment.requested(new PaymentRequest(orderId, MONEY, TOKEN), NOW)).created()).isTrue();
        assertThat(bed.repository.apply(Transition.claim(orderId, PaymentStatus.REQUESTED, null, null, NOW), null).applied()).isTrue();
    }

    @Test
    void apply_shouldRecordTheRequestsAmountAndToken_whenAReservedPaymentIsClaimed() {
        // given: the reservation came first (no amount yet)
        String orderId = newOrderId();
        bed.repository.putIfAbsent(Payment.reserved(orderId, NOW));

        // when: the request arrives second and claims it
        TransitionResult result = bed.repository.apply(Transition.claim(orderId, PaymentStatus.RESERVED, MONEY, TOKEN, NOW), null);

        // then
        assertThat(result.applied()).isTrue();
        Payment payment = bed.payment(orderId);
        assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(payment.money()).isEqualTo(MONEY);
        assertThat(payment.token()).isEqualTo(TOKEN);
    }

    @Test
    void apply_shouldKeepTheToken_whenAPendingPaymentIsCancelled() {
        // given: a charge may be in flight; resolving it needs the token
        String orderId = newOrderId();
        putPending(orderId);

        // when
        bed.repository.apply(Transition.cancelPending(orderId, NOW), null);

        // then
        assertThat(bed.payment(orderId).token()).isEqualTo(TOKEN);
        assertThat(bed.payment(orderId).mayHaveBeenCharged()).isTrue();
    }
}

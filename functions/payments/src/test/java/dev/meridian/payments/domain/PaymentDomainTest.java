package dev.meridian.payments.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.meridian.payments.domain.PaymentStatus.CANCELLED;
import static dev.meridian.payments.domain.PaymentStatus.CAPTURED;
import static dev.meridian.payments.domain.PaymentStatus.DECLINED;
import static dev.meridian.payments.domain.PaymentStatus.PENDING;
import static dev.meridian.payments.domain.PaymentStatus.REFUNDED;
import static dev.meridian.payments.domain.PaymentStatus.REQUESTED;
import static dev.meridian.payments.domain.PaymentStatus.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentDomainTest {

    @Test
    void allowed_shouldOnlyMoveForward_whenAnyPairOfStatusesIsChecked() {
        for (PaymentStatus from : PaymentStatus.values()) {
            for (PaymentStatus to : PaymentStatus.values()) {
                boolean expected = ((from == REQUESTED || from == RESERVED) && (to == PENDING || to == CANCELLED))
                        || (from == PENDING && (to == CAPTURED || to == DECLINED || to == CANCELLED))
                        || ((from == CAPTURED || from == CANCELLED) && to == REFUNDED);
                assertThat(Transition.allowed(from, to)).as(from + " -> " + to).isEqualTo(expected);
            }
        }
    }

    @Test
    void transition_shouldBeRefused_whenItMovesBackwards() {
        assertThatThrownBy(() -> new Transition("o1", CAPTURED, PENDING, null, null, null, null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CAPTURED -> PENDING");
    }

    @Test
    void toString_shouldNeverRevealTheToken_whenATokenIsPrinted() {
        // given
        PaymentToken token = PaymentToken.of("tok_secret_4242");
        PaymentRequest request = new PaymentRequest("o1", new Money(1, "USD"), token);
        Payment requested = Payment.requested(request, Instant.EPOCH);

        // then
        assertThat(token.toString()).doesNotContain("tok_secret_4242");
        assertThat(request.toString()).doesNotContain("tok_secret_4242");
        assertThat(requested.toString()).doesNotContain("tok_secret_4242");
        assertThat(token.reveal()).isEqualTo("tok_secret_4242");
    }

    @Test
    void money_shouldBeRefused_whenAmountIsNotPositiveOrCurrencyIsNotIso() {
        assertThatThrownBy(() -> new Money(0, "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(-5, "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(5, "usd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mayHaveBeenCharged_shouldBeTrueOnlyForACancelFromPending_whenCancelled() {
        Instant now = Instant.EPOCH;
        assertThat(Payment.tombstone("o1", now).mayHaveBeenCharged()).isFalse();
        assertThat(new Payment("o1", CANCELLED, new Money(1, "USD"), null, null, null, PENDING, 2, now, now)
                .mayHaveBeenCharged()).isTrue();
        assertThat(new Payment("o1", CANCELLED, new Money(1, "USD"), null, null, null, REQUESTED, 2, now, now)
                .mayHaveBeenCharged()).isFalse();
        assertThat(Payment.reserved("o1", now).mayHaveBeenCharged()).isFalse();
    }
}

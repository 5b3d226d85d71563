package dev.meridian.systemtests.saga;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.emulator.testing.Await;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservation expiry end to end: reservations are held for 1 s, and a failed payment
 * message is retried only after 6 s, so the sweeper expires the reservation while the
 * charge's outcome is still unknown. The order must end CANCELLED (RESERVATION_EXPIRED),
 * the stock back on the shelf, and the charge that the gateway did take refunded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReservationExpiryEndToEndTest {

    private SagaStack saga;

    @BeforeAll
    void start() {
        saga = SagaStack.start(1, 6);
    }

    @AfterAll
    void stop() {
        saga.close();
    }

    @Test
    void expiry_shouldCancelReleaseAndRefund_whenThePaymentOutcomeIsUnknownPastTheReservation() {
        // given: the gateway charges then times out; the retry comes 6 s later
        String sku = saga.product(2000, 3);
        LocalApi ivy = saga.customer("ivy");
        String orderId = saga.place(ivy, sku, 1, "tok_timeout");
        Await.until("stock reserved for " + orderId, SagaStack.SAGA_TIMEOUT, () ->
                saga.productView(sku).get("reserved").asLong() == 1 ? Optional.of(true) : Optional.empty());
        // when the schedule fires after the reservation's expiry
        JsonNode order = Await.until("order " + orderId + " expired", Duration.ofSeconds(30), () -> {
            saga.stack.triggerSchedule("ReservationSweeperFunction");
            JsonNode o = ivy.get("/orders/" + orderId).json();
            return o.get("status").asText().equals("PENDING") ? Optional.empty() : Optional.of(o);
        });
        // then
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("cancellationReason").asText()).isEqualTo("RESERVATION_EXPIRED");
        saga.awaitOrder(ivy, orderId, "refunded", o -> o.at("/payment/status").asText().equals("REFUNDED"));
        JsonNode stock = saga.awaitSettledStock(sku);
        assertThat(stock.get("available").asLong()).isEqualTo(3);
        SagaStack.assertConserved(stock);
        assertThat(saga.ledger().approvedCharges(orderId)).isEqualTo(1);
        assertThat(saga.ledger().refunds(orderId)).isEqualTo(1);
    }
}

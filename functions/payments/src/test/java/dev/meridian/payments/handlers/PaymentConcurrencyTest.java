package dev.meridian.payments.handlers;

import dev.meridian.payments.app.GatewayTimeoutException;
import dev.meridian.payments.app.PaymentGateway;
import dev.meridian.payments.domain.ChargeResult;
import dev.meridian.payments.domain.PaymentToken;
import dev.meridian.payments.support.TestEvents;
import dev.meridian.payments.support.PaymentInvariant;
import dev.meridian.payments.support.PaymentsHarness;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.meridian.payments.support.PaymentsHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Duplicated and racing deliveries, checked against invariant 3 (charged at most once; a
 * cancelled order's charge is refunded), with a negative control showing the check catches
 * a double charge when the order id is not the processor's idempotency key.
 */
@ExtendWith(LocalEngines.class)
class PaymentConcurrencyTest {

    private static final int ROUNDS = 6;
    private static final int DUPLICATES = 3;
    private static final int MAX_RECEIVES = 5;
    private static PaymentsHarness bed;

    @BeforeAll
    static void tables() {
        bed = new PaymentsHarness();
    }

    @Test
    void handleRequest_shouldChargeAtMostOnceAndRefundAnyCharge_whenDuplicatesRaceACancel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(DUPLICATES + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // given: the same InventoryReserved and PaymentRequested delivered concurrently several times
                // (either half may come first), and the order's cancel
                String orderId = "ord-" + UUID.randomUUID();
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < DUPLICATES; i++) {
                    bodies.add(i % 2 == 0 ? TestEvents.inventoryReserved(orderId) : TestEvents.paymentRequested(orderId, "tok_ok"));
                }
                bodies.add(round % 2 == 0 ? 0 : bodies.size(), TestEvents.orderCancelled(orderId));

                // when: all start together, each on its own handler instance (as separate Lambda environments),
                // and a failed message is received again, as SQS would
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> receives = new ArrayList<>();
                for (String body : bodies) {
                    receives.add(pool.submit(() -> {
                        start.await();
                        PaymentEventsHandler handler = bed.handler();
                        for (int receive = 1; receive <= MAX_RECEIVES; receive++) {
                            if (deliver(handler, body).isEmpty()) {
                                return receive;
                            }
                        }
                        return -1;
                    }));
                }
                start.countDown();

                // then
                for (Future<Integer> r : receives) {
                    assertThat(r.get(30, TimeUnit.SECONDS)).as("message settled within max receives").isPositive();
                }
                assertThat(PaymentInvariant.check(bed, orderId, true)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invariantCheck_shouldReportADoubleCharge_whenTheGatewayIsNotKeyedByOrderId() {
        // given (negative control): a processor keyed per call instead of per order
        String orderId = "ord-" + UUID.randomUUID();
        AtomicInteger call = new AtomicInteger();
        PaymentEventsHandler unprotected = bed.handler(gateway -> new PaymentGateway() {
            @Override
            public ChargeResult charge(String id, long amount, String currency, PaymentToken token) {
                int n = call.incrementAndGet();
                ChargeResult result = gateway.charge(id + "~" + n, amount, currency, token);
                if (n == 1) {
                    throw new GatewayTimeoutException("charge taken, answer lost");
                }
                return result;
            }

            @Override
            public String refund(String id, String chargeId, long amount) {
                return gateway.refund(id + "~" + call.get(), chargeId, amount);
            }
        });
        assertThat(deliver(unprotected, TestEvents.paymentRequested(orderId, "tok_ok"))).isEmpty();
        String body = TestEvents.inventoryReserved(orderId);

        // when: the charge's answer is lost and the message is redelivered
        assertThat(deliver(unprotected, body)).containsExactly("m0");
        assertThat(deliver(unprotected, body)).isEmpty();

        // then: the same check that passes above sees the second charge
        assertThat(PaymentInvariant.check(bed, orderId, false))
                .anySatisfy(v -> assertThat(v).contains("charged 2 times"));
    }

    @Test
    void invariantCheck_shouldReportAnUnrefundedCharge_whenRefundsNeverReachTheProcessor() {
        // given (negative control): a gateway that answers refunds without performing them
        String orderId = "ord-" + UUID.randomUUID();
        PaymentEventsHandler lying = bed.handler(gateway -> new PaymentGateway() {
            @Override
            public ChargeResult charge(String id, long amount, String currency, PaymentToken token) {
                return gateway.charge(id, amount, currency, token);
            }

            @Override
            public String refund(String id, String chargeId, long amount) {
                return "re_never_sent";
            }
        });

        // when
        assertThat(deliver(lying, TestEvents.paymentRequested(orderId, "tok_ok"))).isEmpty();
        assertThat(deliver(lying, TestEvents.inventoryReserved(orderId))).isEmpty();
        assertThat(deliver(lying, TestEvents.orderCancelled(orderId))).isEmpty();

        // then
        assertThat(PaymentInvariant.check(bed, orderId, true))
                .anySatisfy(v -> assertThat(v).contains("1 charges but 0 refunds"));
    }

    @Test
    void invariantCheck_shouldPass_whenTheSameTimeoutIsRetriedThroughTheSandboxGateway() {
        // given (positive twin of the control above)
        String orderId = "ord-" + UUID.randomUUID();
        bed.requested(orderId, "tok_timeout");
        String body = TestEvents.inventoryReserved(orderId);

        // when
        assertThat(bed.deliver(body)).containsExactly("m0");
        assertThat(bed.deliver(body)).isEmpty();

        // then
        assertThat(PaymentInvariant.check(bed, orderId, false)).isEmpty();
        assertThat(bed.ledger.approvedCharges(orderId)).isEqualTo(1);
    }
}

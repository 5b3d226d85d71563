package dev.meridian.payments.handlers;

import dev.meridian.payments.support.TestEvents;
import dev.meridian.payments.support.PaymentsHarness;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** No payment token in any log line, whatever happens to the message. */
@ExtendWith(LocalEngines.class)
class PaymentTokenLoggingTest {

    private static final String SECRET = "tok_secret_4242";
    private static PaymentsHarness bed;

    @BeforeAll
    static void tables() {
        bed = new PaymentsHarness();
    }

    @Test
    void handleRequest_shouldNeverLogThePaymentToken_whenMessagesSucceedOrFail() {
        // given: a decline, a non-JSON body quoting the token, a bad currency, and a timeout
        String orderId = "ord-" + UUID.randomUUID();
        String badCurrency = TestEvents.paymentRequested("ord-" + UUID.randomUUID(), SECRET).replace("\"USD\"", "\"usd\"");
        String timeoutOrder = "ord-" + UUID.randomUUID();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();

        // when (slf4j-simple writes to the current System.err)
        List<String> failed;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            failed = bed.deliver(
                    TestEvents.paymentRequested(orderId, SECRET),
                    TestEvents.inventoryReserved(orderId),
                    "{\"paymentToken\": " + SECRET + "}",
                    badCurrency,
                    TestEvents.paymentRequested(timeoutOrder, "tok_timeout"),
                    TestEvents.inventoryReserved(timeoutOrder));
        } finally {
            System.setErr(original);
        }

        // then: the capture saw the failures (so it works) but never the token
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(failed).containsExactly("m2", "m3", "m5");
        assertThat(logs).contains("m2 failed", "m3 failed", "m5 failed", orderId);
        assertThat(logs).doesNotContain(SECRET).doesNotContain("tok_timeout");
    }
}

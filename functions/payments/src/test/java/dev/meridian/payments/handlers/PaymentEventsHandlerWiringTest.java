package dev.meridian.payments.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.config.Environment;
import dev.meridian.common.json.Json;
import dev.meridian.payments.domain.PaymentStatus;
import dev.meridian.payments.support.TestEvents;
import dev.meridian.payments.support.PaymentsHarness;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import static dev.meridian.payments.support.PaymentsHarness.deliver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The (Environment) constructor the local runtime uses, and the repository's shared fixtures. */
@ExtendWith(LocalEngines.class)
class PaymentEventsHandlerWiringTest {

    private static PaymentsHarness bed;

    @BeforeAll
    static void tables() {
        bed = new PaymentsHarness();
    }

    private static Environment environment() {
        return Environment.of(Map.of(
                PaymentEventsHandler.PAYMENTS_TABLE, bed.paymentsTable,
                PaymentEventsHandler.SANDBOX_LEDGER_TABLE, bed.ledgerTable,
                PaymentEventsHandler.OUTBOX_TABLE, bed.outboxTable,
                "AWS_REGION", "eu-west-1",
                "DYNAMODB_ENDPOINT", LocalEngines.engines().dynamoEngine().endpoint().toString()));
    }

    @Test
    void constructor_shouldWireTablesEndpointAndRegionFromTheEnvironment_whenAllAreSet() {
        // given
        PaymentEventsHandler handler = new PaymentEventsHandler(environment());
        String orderId = "ord-" + UUID.randomUUID();

        // when
        assertThat(deliver(handler, TestEvents.paymentRequested(orderId, "tok_ok"), TestEvents.inventoryReserved(orderId))).isEmpty();

        // then: events are stamped with this function's region, for its own outbox publisher
        assertThat(bed.payment(orderId).status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(bed.outbox(orderId)).singleElement()
                .satisfies(i -> assertThat(i.item().get("region").s()).isEqualTo("eu-west-1"));
    }

    @Test
    void constructor_shouldFailAtStartUp_whenATableVariableIsMissing() {
        Environment missing = Environment.of(Map.of(PaymentEventsHandler.PAYMENTS_TABLE, "p",
                PaymentEventsHandler.OUTBOX_TABLE, "o", "DYNAMODB_ENDPOINT", "http://127.0.0.1:1"));
        assertThatThrownBy(() -> new PaymentEventsHandler(missing))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SANDBOX_LEDGER_TABLE");
    }

    @Test
    void handleRequest_shouldSettleEveryMessage_whenGivenTheRepositorysSharedSqsFixtures() {
        // given: the events/sqs/*.json fixtures of what PaymentsQueue receives, in saga order
        PaymentEventsHandler handler = bed.handler();

        for (String name : List.of("payment-requested", "inventory-reserved", "order-cancelled")) {
            JsonNode event = TestEvents.load("sqs/" + name + ".json");
            // when
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(Json.writeBytes(event)), out, null);

            // then
            JsonNode response = Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
            assertThat(response.path("batchItemFailures")).as("failures for " + name).isEmpty();
        }
        // then: charged by the request and the reservation, refunded by the cancel
        assertThat(bed.payment("ord-0001").status()).isEqualTo(PaymentStatus.REFUNDED);
    }
}

package dev.meridian.systemtests.chaos;

import dev.meridian.cli.MeridianStack;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The runtime's views for load tests: queues with DLQ order ids, redrive, ledger, chaos counts. */
class LocalInspectionTest {

    @Test
    void queuesAndRedrive_shouldShowADeadLetteredOrder_andMoveItBack() {
        Path template = Path.of(System.getProperty("meridian.root", "../.."), "template.yaml");
        try (Emulator stack = Emulator.start(MeridianStack.options().template(template).anyFreePort().build())) {
            // given: an event about order ord-1 parked in the orders DLQ
            LocalApi api = new LocalApi(stack.baseUrl());
            String event = "{\"source\":\"meridian.payments\",\"detail-type\":\"PaymentFailed\",\"detail\":{\"eventId\":\"e1\","
                    + "\"correlationId\":\"ord-1\",\"data\":{\"orderId\":\"ord-1\",\"reason\":\"PAYMENT_DECLINED\"}}}";
            stack.sqs().sendMessage(b -> b.queueUrl(stack.queueUrl("OrdersDLQ")).messageBody(event));

            // when
            JsonNode queues = api.get("/_local/queues").json();

            // then
            assertThat(queues.path("deadLetterMessages").asLong()).isEqualTo(1);
            assertThat(queues.at("/queues/OrdersDLQ/deadLetterQueue").asBoolean()).isTrue();
            assertThat(queues.at("/queues/OrdersDLQ/sourceQueues/0").asText()).isEqualTo("OrdersQueue");
            assertThat(queues.at("/queues/OrdersDLQ/orderIds/0").asText()).isEqualTo("ord-1");
            assertThat(queues.at("/queues/OrdersQueue/deadLetterQueue").asBoolean()).isFalse();

            // when: redriven
            JsonNode redrive = api.post("/_local/redrive", java.util.Map.of()).json();

            // then: back in its source queue (whose consumer now sees it), the DLQ empty
            assertThat(redrive.path("total").asLong()).isEqualTo(1);
            assertThat(redrive.at("/moved/OrdersDLQ -> OrdersQueue").asLong()).isEqualTo(1);
            assertThat(api.get("/_local/queues").json().at("/queues/OrdersDLQ/visible").asLong()).isZero();

            // and: ledger and chaos views answer
            assertThat(api.get("/_local/payments").json().has("orders")).isTrue();
            assertThat(api.get("/_local/chaos").json().path("enabled").asBoolean()).isFalse();
        }
    }
}

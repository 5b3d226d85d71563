package dev.meridian.payments.adapters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.json.Json;
import dev.meridian.payments.domain.InventoryReserved;
import dev.meridian.payments.domain.PaymentRequest;
import dev.meridian.payments.support.TestEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingEventsTest {

    private static final String SECRET = "tok_secret_4242";

    @Test
    void paymentRequested_shouldReadOrderAmountAndToken_whenTheFixtureIsValid() {
        // given
        DomainEvent event = IncomingEvents.parse(TestEvents.paymentRequested("ord-1", SECRET));

        // when
        PaymentRequest request = IncomingEvents.paymentRequested(event);

        // then
        assertThat(request.orderId()).isEqualTo("ord-1");
        assertThat(request.money().amount()).isEqualTo(TestEvents.fixtureTotal());
        assertThat(request.money().currency()).isEqualTo("USD");
        assertThat(request.token().reveal()).isEqualTo(SECRET);
    }

    @Test
    void inventoryReserved_shouldReadOnlyTheOrder_whenTheFixtureIsValid() {
        InventoryReserved reserved = IncomingEvents.inventoryReserved(IncomingEvents.parse(TestEvents.inventoryReserved("ord-1")));
        assertThat(reserved.orderId()).isEqualTo("ord-1");
    }

    @Test
    void parse_shouldNotQuoteTheBody_whenItIsNotJson() {
        // given: Jackson's own message would quote the unrecognised token
        String body = "{\"paymentToken\": " + SECRET + "}";

        // when / then
        assertThatThrownBy(() -> IncomingEvents.parse(body))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContaining(SECRET)
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(SECRET));
    }

    @Test
    void parse_shouldBeMalformed_whenTheEnvelopeIsBroken() {
        ObjectNode badTime = TestEvents.eventBridge("inventory-reserved");
        ((ObjectNode) badTime.get("detail")).put("occurredAt", "yesterday");
        ObjectNode badSource = TestEvents.eventBridge("inventory-reserved");
        badSource.put("source", "acme.inventory");

        assertThatThrownBy(() -> IncomingEvents.parse(Json.write(badTime))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> IncomingEvents.parse(Json.write(badSource))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> IncomingEvents.parse("{\"detail-type\":\"InventoryReserved\"}"))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void paymentRequested_shouldBeMalformed_whenAmountIsNotPositiveIntegerMinorUnitsOrSourceIsWrong() {
        assertThatThrownBy(() -> IncomingEvents.paymentRequested(withData("amount", "25.98")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("amount").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> IncomingEvents.paymentRequested(withData("amount", "0")))
                .isInstanceOf(MalformedEventException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> IncomingEvents.paymentRequested(withData("currency", "\"usd\"")))
                .isInstanceOf(MalformedEventException.class).hasMessageNotContaining(SECRET);
        ObjectNode fromInventory = (ObjectNode) Json.parseTrusted(TestEvents.paymentRequested("ord-1", SECRET));
        fromInventory.put("source", "meridian.inventory");
        assertThatThrownBy(() -> IncomingEvents.paymentRequested(IncomingEvents.parse(Json.write(fromInventory))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("meridian.orders").hasMessageNotContaining(SECRET);
    }

    @Test
    void orderCancelled_shouldReadOrderIdAndReason_whenTheFixtureIsValid() {
        var cancelled = IncomingEvents.orderCancelled(IncomingEvents.parse(TestEvents.orderCancelled("ord-9")));
        assertThat(cancelled.orderId()).isEqualTo("ord-9");
        assertThat(cancelled.reason()).isEqualTo("PAYMENT_DECLINED");
    }

    private static DomainEvent withData(String field, String rawJsonValue) {
        ObjectNode event = (ObjectNode) Json.parseTrusted(TestEvents.paymentRequested("ord-1", SECRET));
        ((ObjectNode) event.at("/detail/data")).set(field, Json.parseTrusted(rawJsonValue));
        return IncomingEvents.parse(Json.write(event));
    }
}

package dev.meridian.payments.adapters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.json.Json;
import dev.meridian.payments.domain.InventoryReserved;
import dev.meridian.payments.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncomingEventsTest {

    private static final String SECRET = "tok_secret_4242";

    @Test
    void inventoryReserved_shouldReadOrderTotalAndToken_whenTheFixtureIsValid() {
        // given
        DomainEvent event = IncomingEvents.parse(Fixtures.inventoryReserved("ord-1", SECRET));

        // when
        InventoryReserved reserved = IncomingEvents.inventoryReserved(event);

        // then
        assertThat(reserved.orderId()).isEqualTo("ord-1");
        assertThat(reserved.total().amount()).isEqualTo(Fixtures.fixtureTotal());
        assertThat(reserved.total().currency()).isEqualTo("USD");
        assertThat(reserved.paymentToken().reveal()).isEqualTo(SECRET);
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
        ObjectNode badTime = Fixtures.load("events/eventbridge/inventory-reserved.json");
        ((ObjectNode) badTime.get("detail")).put("occurredAt", "yesterday");
        ObjectNode badSource = Fixtures.load("events/eventbridge/inventory-reserved.json");
        badSource.put("source", "acme.inventory");

        assertThatThrownBy(() -> IncomingEvents.parse(Json.write(badTime))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> IncomingEvents.parse(Json.write(badSource))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> IncomingEvents.parse("{\"detail-type\":\"InventoryReserved\"}"))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void inventoryReserved_shouldBeMalformed_whenTotalIsNotIntegerMinorUnitsOrSourceIsWrong() {
        assertThatThrownBy(() -> IncomingEvents.inventoryReserved(withData("total", "25.98")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("total");
        assertThatThrownBy(() -> IncomingEvents.inventoryReserved(withData("total", "-1")))
                .isInstanceOf(MalformedEventException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> IncomingEvents.inventoryReserved(withData("currency", "\"usd\"")))
                .isInstanceOf(MalformedEventException.class).hasMessageNotContaining(SECRET);
        ObjectNode fromOrders = (ObjectNode) Json.parseTrusted(Fixtures.inventoryReserved("ord-1", SECRET));
        fromOrders.put("source", "meridian.orders");
        assertThatThrownBy(() -> IncomingEvents.inventoryReserved(IncomingEvents.parse(Json.write(fromOrders))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("source");
    }

    @Test
    void orderCancelled_shouldReadOrderIdAndReason_whenTheFixtureIsValid() {
        var cancelled = IncomingEvents.orderCancelled(IncomingEvents.parse(Fixtures.orderCancelled("ord-9")));
        assertThat(cancelled.orderId()).isEqualTo("ord-9");
        assertThat(cancelled.reason()).isEqualTo("CUSTOMER_REQUEST");
    }

    private static DomainEvent withData(String field, String rawJsonValue) {
        ObjectNode event = (ObjectNode) Json.parseTrusted(Fixtures.inventoryReserved("ord-1", SECRET));
        ((ObjectNode) event.at("/detail/data")).set(field, Json.parseTrusted(rawJsonValue));
        return IncomingEvents.parse(Json.write(event));
    }
}

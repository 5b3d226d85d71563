package dev.meridian.common.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.contracts.inventory.InventoryRejected;
import dev.meridian.common.contracts.inventory.InventoryReserved;
import dev.meridian.common.contracts.inventory.ReservationExpired;
import dev.meridian.common.contracts.orders.CancelRequested;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.contracts.orders.OrderPlaced;
import dev.meridian.common.contracts.orders.PaymentRequested;
import dev.meridian.common.contracts.payments.PaymentCaptured;
import dev.meridian.common.contracts.payments.PaymentFailed;
import dev.meridian.common.contracts.payments.PaymentRefunded;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.EventEnvelope;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.json.Json;
import dev.meridian.testkit.EventContracts;
import dev.meridian.testkit.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every event type has a schema; fixtures and the contract records conform to it; readers refuse what it refuses. */
class EventContractsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T08:00:00Z"), ZoneOffset.UTC);
    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final List<Line> LINES = List.of(new Line("SKU-1", 2));

    /** One of each type, with the reader that parses it back. */
    record Sample(EventData data, Function<DomainEvent, EventData> reader) {
        @Override
        public String toString() {
            return data.type().detailType();
        }
    }

    static Stream<Sample> samples() {
        Instant later = Instant.parse("2026-11-24T08:15:00Z");
        return Stream.of(
                new Sample(new OrderPlaced("ord-1", "customer-1", LINES, 2500, "USD"), OrderPlaced::from),
                new Sample(new PaymentRequested("ord-1", 2500, "USD", "tok_ok"), PaymentRequested::from),
                new Sample(new OrderConfirmed("ord-1", "customer-1", LINES), OrderConfirmed::from),
                new Sample(new OrderCancelled("ord-1", "customer-1", LINES, "PAYMENT_DECLINED", "PENDING"), OrderCancelled::from),
                new Sample(new CancelRequested("ord-1", "customer-1", "eu-west-1", "us-east-1"), CancelRequested::from),
                new Sample(new InventoryReserved("ord-1", LINES, later), InventoryReserved::from),
                new Sample(InventoryRejected.outOfStock("ord-1", List.of("SKU-1")), InventoryRejected::from),
                new Sample(new ReservationExpired("ord-1", later), ReservationExpired::from),
                new Sample(new PaymentCaptured("ord-1", 2500, "USD", "ch_1"), PaymentCaptured::from),
                new Sample(PaymentFailed.declined("ord-1"), PaymentFailed::from),
                new Sample(new PaymentRefunded("ord-1", 2500, "USD", "re_1"), PaymentRefunded::from));
    }

    static String eventBridge(DomainEvent event) {
        return EventContracts.eventBridgeJson(event.source(), event.detailType(), event.detailJson());
    }

    @Test
    void everyEventType_shouldHaveExactlyOneSchema_andEverySchemaAType() {
        Set<String> types = Arrays.stream(EventType.values()).map(EventType::schemaFile).collect(Collectors.toSet());
        assertThat(EventContracts.load().eventSchemas().keySet()).containsExactlyInAnyOrderElementsOf(types);
        assertThat(samples().map(s -> s.data().type())).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void record_shouldConformToItsSchema_andReadBackEqual(Sample sample) {
        DomainEvent event = sample.data().toEvent("us-east-1", TRACE, CLOCK);
        EventContracts.load().assertConforms(eventBridge(event));
        // as a consumer receives it: through JSON
        DomainEvent received = DomainEvent.fromEventBridge(Json.parseTrusted(eventBridge(event)));
        assertThat(sample.reader().apply(received)).isEqualTo(sample.data());
    }

    @Test
    void fixtures_shouldConformToTheirSchemas() throws IOException {
        Path sqs = RepoFiles.resolve("events/sqs");
        List<Path> files;
        try (Stream<Path> s = Files.list(sqs)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSize(EventType.values().length);
        for (Path file : files) {
            JsonNode batch = Json.parseTrusted(Files.readString(file));
            for (JsonNode record : batch.get("Records")) {
                String body = record.get("body").asText();
                assertThat(EventContracts.load().violations(body)).as(file.getFileName().toString()).isEmpty();
                DomainEvent event = DomainEvent.fromEventBridge(Json.parseTrusted(body));
                EventType type = EventType.of(event).orElseThrow();
                samples().filter(s -> s.data().type() == type).findFirst().orElseThrow().reader().apply(event);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void schemaAndReader_shouldRefuseAFieldTheProducerDoesNotOwn(Sample sample) {
        // negative control: the schema is strict, so an event carrying a forwarded field fails the contract test
        ObjectNode data = sample.data().toData().put("paymentTokenForwarded", "tok_ok");
        DomainEvent event = withData(sample.data().type(), data);
        assertThat(EventContracts.load().violations(eventBridge(event))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void schemaAndReader_shouldBothRefuseAnEventWithoutOrderId(Sample sample) {
        ObjectNode data = sample.data().toData();
        data.remove("orderId");
        DomainEvent event = withData(sample.data().type(), data);
        assertThat(EventContracts.load().violations(eventBridge(event))).isNotEmpty();
        assertThatThrownBy(() -> sample.reader().apply(event)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data.orderId");
    }

    @Test
    void reader_shouldRefuseAnotherEventType() {
        DomainEvent placed = new OrderPlaced("ord-1", "customer-1", LINES, 2500, "USD").toEvent("us-east-1", null, CLOCK);
        assertThatThrownBy(() -> InventoryReserved.from(placed)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected meridian.inventory/InventoryReserved");
    }

    @Test
    void paymentRequested_shouldNeverShowItsTokenInTextOrErrors() {
        PaymentRequested requested = new PaymentRequested("ord-1", 2500, "USD", "tok_secret_1");
        assertThat(requested.toString()).doesNotContain("tok_secret_1");
        ObjectNode data = requested.toData().put("amount", "not a number");
        assertThatThrownBy(() -> PaymentRequested.from(withData(EventType.PAYMENT_REQUESTED, data)))
                .isInstanceOf(MalformedEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("data.amount").doesNotContain("tok_secret_1"));
    }

    @Test
    void toData_shouldRefuseAFieldTheProducerLeftNull() {
        // a producer bug must not become an event with a null field
        assertThatThrownBy(() -> new PaymentCaptured("ord-1", 2500, "USD", null).toData())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PaymentCaptured.chargeId is null");
    }

    @Test
    void eventId_shouldBeTheSameForTheSameStateChange() {
        EventData data = PaymentFailed.declined("ord-1");
        assertThat(data.toEvent("us-east-1", null, CLOCK).eventId()).isEqualTo(data.toEvent("us-east-1", TRACE, Clock.systemUTC()).eventId());
        assertThat(data.toEvent("us-east-1", null, CLOCK).eventId()).isNotEqualTo(PaymentFailed.declined("ord-2").toEvent("us-east-1", null, CLOCK).eventId());
    }

    private static DomainEvent withData(EventType type, ObjectNode data) {
        return new DomainEvent(type.source(), type.detailType(), new EventEnvelope("e-1", CLOCK.instant(), "us-east-1", "ord-1", null, data));
    }
}

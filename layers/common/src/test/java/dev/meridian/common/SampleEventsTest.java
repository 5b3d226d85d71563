package dev.meridian.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.batch.SqsMessage;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.EventPublisher;
import dev.meridian.common.http.HttpApiRequest;
import dev.meridian.common.json.Json;
import dev.meridian.common.outbox.OutboxRelay;
import dev.meridian.common.stream.StreamRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample events in {@code events/} are read by the common layer the way handlers read them. */
class SampleEventsTest {

    static Path events() {
        String root = System.getProperty("meridian.root");
        Path dir = root != null ? Paths.get(root) : Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("events"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root with events/").isNotNull();
        return dir.resolve("events");
    }

    static JsonNode load(String relative) throws IOException {
        try (InputStream in = Files.newInputStream(events().resolve(relative))) {
            return Json.parseTrusted(in);
        }
    }

    static List<String> files(String folder) throws IOException {
        try (Stream<Path> s = Files.list(events().resolve(folder))) {
            return s.map(p -> folder + "/" + p.getFileName()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void httpEventsCarryRouteAndCaller() throws IOException {
        assertThat(files("http")).hasSize(8);
        for (String name : files("http")) {
            HttpApiRequest request = HttpApiRequest.fromEvent(load(name));
            assertThat(request.routeKey()).as(name).isEqualTo(request.method() + " " + routeTemplate(request));
            switch (name) {
                case "http/get-products.json", "http/get-product.json" -> assertThat(request.caller()).as(name).isNull();
                case "http/put-product.json", "http/restock.json" -> {
                    assertThat(request.caller().isAdmin()).as(name).isTrue();
                    assertThat(request.caller().subject()).isEqualTo("admin-1");
                }
                default -> {
                    assertThat(request.caller().subject()).as(name).isEqualTo("customer-1");
                    assertThat(request.caller().isAdmin()).as(name).isFalse();
                }
            }
        }
        HttpApiRequest place = HttpApiRequest.fromEvent(load("http/place-order.json"));
        assertThat(place.headers()).containsEntry("idempotency-key", "idem-0001");
        assertThat(Json.parseTrusted(new String(place.body(), java.nio.charset.StandardCharsets.UTF_8))
                .path("lines").get(0).path("sku").asText()).isEqualTo("SKU-1");
    }

    private static String routeTemplate(HttpApiRequest request) {
        String path = request.rawPath();
        for (var e : request.pathParameters().entrySet()) {
            path = path.replace(e.getValue(), "{" + e.getKey() + "}");
        }
        return path;
    }

    @Test
    void sqsEventsCarryMeridianEnvelopes() throws IOException {
        assertThat(files("sqs")).hasSize(dev.meridian.common.contracts.EventType.values().length);
        for (String name : files("sqs")) {
            List<SqsMessage> messages = SqsMessage.fromEvent(load(name));
            assertThat(messages).as(name).hasSize(1);
            DomainEvent event = DomainEvent.fromEventBridge(Json.parseTrusted(messages.get(0).body()));
            String kebab = event.detailType().replaceAll("(?<!^)([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            assertThat(name).isEqualTo("sqs/" + kebab + ".json");
            // a cancel request is stamped by the region that answered it, and published by the home region
            assertThat(event.envelope().region()).isEqualTo(name.equals("sqs/cancel-requested.json") ? "eu-west-1" : "us-east-1");
            assertThat(event.envelope().correlationId()).isEqualTo("ord-0001");
            assertThat(event.data().path("orderId").asText()).isEqualTo("ord-0001");
        }
    }

    @Test
    void outboxStreamPublishesOnlyThisRegionsItems() throws IOException {
        List<StreamRecord> records = StreamRecord.fromEvent(load("stream/outbox-insert.json"));
        assertThat(records).hasSize(2);
        List<DomainEvent> published = new ArrayList<>();
        EventPublisher capture = events -> {
            published.addAll(events);
            return List.of();
        };
        assertThat(new OutboxRelay(capture, "us-east-1").relay(records)).isNull();
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.detailType()).isEqualTo("OrderPlaced");
            assertThat(e.envelope().region()).isEqualTo("us-east-1");
            assertThat(e.data().path("orderId").asText()).isEqualTo("ord-0001");
        });
        published.clear();
        new OutboxRelay(capture, "eu-west-1").relay(records);
        assertThat(published).singleElement().satisfies(e -> assertThat(e.data().path("orderId").asText()).isEqualTo("ord-0002"));
    }

    @Test
    void scheduleEventIsAScheduledEvent() throws IOException {
        JsonNode event = load("schedule/sweeper.json");
        assertThat(event.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
    }
}

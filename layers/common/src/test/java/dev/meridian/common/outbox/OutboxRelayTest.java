package dev.meridian.common.outbox;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.EventPublisher;
import dev.meridian.common.json.Json;
import dev.meridian.common.stream.StreamRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private StreamRecord insert(String seq, DomainEvent event) {
        Map<String, AttributeValue> item = new Outbox("outbox").put(event).put().item();
        return new StreamRecord("INSERT", seq, "us-east-1", Map.of("eventId", item.get("eventId")), item, Map.of());
    }

    private DomainEvent event(String region, String orderId) {
        return DomainEvent.create("meridian.orders", "OrderPlaced", region, orderId, null, Json.object().put("orderId", orderId), clock);
    }

    @Test
    void relay_shouldPublishOnlyThisRegionsInserts_whenReplicatedItemsArrive() {
        // given
        List<DomainEvent> published = new ArrayList<>();
        EventPublisher publisher = events -> {
            published.addAll(events);
            return List.of();
        };
        var relay = new OutboxRelay(publisher, "us-east-1");
        DomainEvent local = event("us-east-1", "o1");
        DomainEvent replicated = event("eu-west-1", "o2");
        // when
        String retryFrom = relay.relay(List.of(insert("1", local), insert("2", replicated),
                new StreamRecord("REMOVE", "3", "us-east-1", Map.of(), Map.of(), Map.of())));
        // then
        assertThat(retryFrom).isNull();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).eventId()).isEqualTo(local.eventId());
        assertThat(published.get(0).detailJson()).isEqualTo(local.detailJson());
    }

    @Test
    void relay_shouldPublishAnAddressedEventOnlyInTheRegionItNames_whenTheOutboxReplicatesItEverywhere() {
        // given: eu-west-1 wrote an event addressed to us-east-1; every replica's stream sees the insert
        DomainEvent request = event("eu-west-1", "o3");
        Map<String, AttributeValue> item = new Outbox("outbox").put(request, "us-east-1").put().item();
        StreamRecord record = new StreamRecord("INSERT", "7", "any", Map.of("eventId", item.get("eventId")), item, Map.of());
        Map<String, List<DomainEvent>> published = new java.util.HashMap<>();
        for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-2")) {
            List<DomainEvent> mine = new ArrayList<>();
            published.put(region, mine);
            // when
            new OutboxRelay(events -> {
                mine.addAll(events);
                return List.of();
            }, region).relay(List.of(record));
        }
        // then: published once, by the addressed region, with the origin region kept in the envelope
        assertThat(published.get("us-east-1")).extracting(DomainEvent::eventId).containsExactly(request.eventId());
        assertThat(published.get("us-east-1").get(0).envelope().region()).isEqualTo("eu-west-1");
        assertThat(published.get("eu-west-1")).isEmpty();
        assertThat(published.get("ap-southeast-2")).isEmpty();
    }

    @Test
    void relay_shouldReturnFirstUnpublishedSequenceNumber_whenTheBusRejectsSome() {
        DomainEvent a = event("us-east-1", "a");
        DomainEvent b = event("us-east-1", "b");
        DomainEvent c = event("us-east-1", "c");
        var relay = new OutboxRelay(events -> List.of(c.eventId(), b.eventId()), "us-east-1");
        assertThat(relay.relay(List.of(insert("10", a), insert("11", b), insert("12", c)))).isEqualTo("11");
    }
}

package dev.meridian.common.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.batch.SqsMessage;
import dev.meridian.common.config.Environment;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.http.HttpApiRequest;
import dev.meridian.common.json.Json;
import dev.meridian.common.stream.StreamRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PrimingTest {

    @Test
    void onSnapStart_shouldRegisterNothing_whenNotASnapStartInitialisation() {
        // given
        int before = Priming.registered();
        AtomicInteger runs = new AtomicInteger();

        // when
        Priming.onSnapStart(Environment.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")), "on-demand", runs::incrementAndGet);
        Priming.onSnapStart(Environment.of(Map.of()), "local", runs::incrementAndGet);

        // then
        assertThat(Priming.registered()).isEqualTo(before);
        Priming.runRegistered();
        assertThat(runs).hasValue(0);
    }

    @Test
    void runRegistered_shouldRunPrimers_andReportTheOnesThatFailed_withoutThrowing() {
        // given (registering also registers the CRaC resource; without a CRaC JVM it is never called)
        Environment snapStart = Environment.of(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));
        AtomicInteger runs = new AtomicInteger();
        Priming.onSnapStart(snapStart, "counts", runs::incrementAndGet);
        Priming.onSnapStart(snapStart, "fails", () -> {
            throw new IllegalStateException("table not reachable");
        });

        // when
        List<String> failed = Priming.runRegistered();

        // then
        assertThat(runs.get()).isPositive();
        assertThat(failed).contains("fails").doesNotContain("counts");
    }

    @Test
    void syntheticEvents_shouldParseWithTheHandlersOwnReaders() {
        // given
        DomainEvent event = DomainEvent.create("meridian.orders", "OrderPlaced", "eu-west-1", "ord-1", null,
                Json.object().put("orderId", "ord-1"), Clock.systemUTC());

        // when
        HttpApiRequest request = HttpApiRequest.fromEvent(Json.parseTrusted(new String(SyntheticEvents.httpApi("GET",
                "GET /products/{sku}", "/products/a1", Map.of("sku", "a1"), null, "alice", "[admin]"), java.nio.charset.StandardCharsets.UTF_8)));
        List<SqsMessage> messages = SqsMessage.fromEvent(read(SyntheticEvents.sqs(event, "InventoryQueue")));
        List<StreamRecord> records = StreamRecord.fromEvent(read(SyntheticEvents.outboxInsert(event, "eu-west-1")));

        // then
        assertThat(request.routeKey()).isEqualTo("GET /products/{sku}");
        assertThat(request.pathParameter("sku")).isEqualTo("a1");
        assertThat(request.requireAdmin().subject()).isEqualTo("alice");
        assertThat(messages).hasSize(1);
        assertThat(DomainEvent.fromEventBridge(Json.parseTrusted(messages.get(0).body()))).isEqualTo(event);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.eventName()).isEqualTo("INSERT");
            assertThat(r.newImage().get("region").s()).isEqualTo("eu-west-1");
            assertThat(r.newImage().get("detailType").s()).isEqualTo("OrderPlaced");
        });
        assertThat(read(SyntheticEvents.scheduled("eu-west-1")).path("detail-type").asText()).isEqualTo("Scheduled Event");
    }

    private static JsonNode read(byte[] bytes) {
        return Json.parseTrusted(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
}

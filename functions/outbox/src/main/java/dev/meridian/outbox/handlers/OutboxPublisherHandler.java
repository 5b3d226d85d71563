package dev.meridian.outbox.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.EventBridgePublisher;
import dev.meridian.common.events.EventPublisher;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.common.outbox.OutboxRelay;
import dev.meridian.common.stream.StreamRecord;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/**
 * Entry point for the outbox table's stream: publishes this region's new outbox items
 * to the event bus. Answers in the stream batch-failure format so Lambda retries from
 * the first record that was not published.
 */
public final class OutboxPublisherHandler implements RequestStreamHandler {

    private final OutboxRelay relay;

    public OutboxPublisherHandler() {
        this(Environment.system());
    }

    public OutboxPublisherHandler(Environment env) {
        this(new EventBridgePublisher(AwsClients.eventBridge(env), env.require("EVENT_BUS_NAME")), env.region());
        Priming.onSnapStart(env, "OutboxPublisherHandler", () -> {
            // a record replicated from another region: parsed and skipped, nothing published
            Priming.invoke(this, SyntheticEvents.outboxInsert(DomainEvent.create("meridian.orders", "OrderPlaced", "priming-region",
                    "priming", null, Json.object().put("orderId", "priming"), Clock.systemUTC()), env.region()));
            // PutEvents with no entries: the service rejects it (publishes nothing); primes the client's request path
            Priming.ignoringErrors(() -> AwsClients.eventBridge(env).putEvents(b -> b.entries(List.of())));
        });
    }

    public OutboxPublisherHandler(EventPublisher publisher, String region) {
        this.relay = new OutboxRelay(publisher, region);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        String retryFrom = relay.relay(StreamRecord.fromEvent(LambdaIo.read(input)));
        var response = Json.object();
        var failures = response.putArray("batchItemFailures");
        if (retryFrom != null) {
            failures.addObject().put("itemIdentifier", retryFrom);
        }
        LambdaIo.write(output, response);
    }
}

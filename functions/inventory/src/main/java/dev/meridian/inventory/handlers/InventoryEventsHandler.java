package dev.meridian.inventory.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.batch.SqsBatchProcessor;
import dev.meridian.common.config.Environment;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.inventory.adapters.IncomingEvents;
import dev.meridian.inventory.app.InventoryService;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;

/** SQS entry point of InventoryQueue: OrderPlaced, OrderConfirmed, OrderCancelled. */
public final class InventoryEventsHandler implements RequestStreamHandler {

    private final SqsBatchProcessor batch;

    public InventoryEventsHandler() {
        this(Environment.system());
    }

    public InventoryEventsHandler(Environment env) {
        this(InventoryWiring.service(env));
        // a confirmation of an order that has no reservation: one read, a batch item failure, no write
        Priming.onSnapStart(env, "InventoryEventsHandler", () -> Priming.invoke(this, SyntheticEvents.sqs(
                new OrderConfirmed(InventoryWiring.PRIMING_ORDER_ID, "priming", List.of(new Line(InventoryWiring.PRIMING_SKU, 1)))
                        .toEvent(env.region(), null, Clock.systemUTC()), "InventoryQueue")));
    }

    public InventoryEventsHandler(InventoryService service) {
        this.batch = new SqsBatchProcessor(message -> IncomingEvents.dispatch(
                DomainEvent.fromEventBridge(Json.parseTrusted(message.body())), service));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, batch.process(LambdaIo.read(input)).toJson());
    }
}

package dev.meridian.inventory.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.batch.SqsBatchProcessor;
import dev.meridian.common.config.Environment;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.inventory.app.InventoryService;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** SQS entry point of InventoryQueue: OrderPlaced, OrderConfirmed, OrderCancelled. */
public final class InventoryEventsHandler implements RequestStreamHandler {

    private final SqsBatchProcessor batch;

    public InventoryEventsHandler() {
        this(Environment.system());
    }

    public InventoryEventsHandler(Environment env) {
        this(InventoryWiring.service(env));
        Priming.onSnapStart(env, "InventoryEventsHandler", () -> Priming.invoke(this, SyntheticEvents.sqs(
                DomainEvent.create("meridian.orders", "OrderConfirmed", env.region(), InventoryWiring.PRIMING_ORDER_ID, null,
                        Json.object().put("orderId", InventoryWiring.PRIMING_ORDER_ID), Clock.systemUTC()), "InventoryQueue")));
    }

    public InventoryEventsHandler(InventoryService service) {
        this.batch = new SqsBatchProcessor(message -> service.on(DomainEvent.fromEventBridge(Json.parseTrusted(message.body()))));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, batch.process(LambdaIo.read(input)).toJson());
    }
}

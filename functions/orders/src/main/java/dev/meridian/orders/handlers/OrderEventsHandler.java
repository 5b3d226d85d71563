package dev.meridian.orders.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.batch.SqsBatchProcessor;
import dev.meridian.common.config.Environment;
import dev.meridian.common.contracts.payments.PaymentFailed;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.orders.adapters.IncomingEvents;
import dev.meridian.orders.app.OrdersService;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** SQS entry point of OrdersQueue: inventory and payment outcomes. */
public final class OrderEventsHandler implements RequestStreamHandler {

    private final SqsBatchProcessor batch;

    public OrderEventsHandler() {
        this(Environment.system());
    }

    public OrderEventsHandler(Environment env) {
        this(OrdersWiring.service(env));
        // an outcome for an order that does not exist: one read, reported as a batch item failure, no write
        Priming.onSnapStart(env, "OrderEventsHandler", () -> Priming.invoke(this, SyntheticEvents.sqs(
                PaymentFailed.declined(OrdersWiring.PRIMING_ORDER_ID).toEvent(env.region(), null, Clock.systemUTC()), "OrdersQueue")));
    }

    public OrderEventsHandler(OrdersService service) {
        this.batch = new SqsBatchProcessor(message -> service.on(IncomingEvents.outcome(
                DomainEvent.fromEventBridge(Json.parseTrusted(message.body())))));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, batch.process(LambdaIo.read(input)).toJson());
    }
}

package dev.meridian.orders.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.batch.SqsBatchProcessor;
import dev.meridian.common.config.Environment;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.orders.app.OrdersService;

import java.io.InputStream;
import java.io.OutputStream;

/** SQS entry point of OrdersQueue: inventory and payment outcomes. */
public final class OrderEventsHandler implements RequestStreamHandler {

    private final SqsBatchProcessor batch;

    public OrderEventsHandler() {
        this(Environment.system());
    }

    public OrderEventsHandler(Environment env) {
        this(OrdersWiring.service(env));
    }

    public OrderEventsHandler(OrdersService service) {
        this.batch = new SqsBatchProcessor(message -> service.on(DomainEvent.fromEventBridge(Json.parseTrusted(message.body()))));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, batch.process(LambdaIo.read(input)));
    }
}

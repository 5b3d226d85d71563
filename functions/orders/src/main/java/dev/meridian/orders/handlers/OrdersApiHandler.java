package dev.meridian.orders.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.http.HttpRouter;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.orders.adapters.OrdersApi;
import dev.meridian.orders.app.OrdersService;

import java.io.InputStream;
import java.io.OutputStream;

/** HTTP API entry point: POST /orders, GET /orders, GET /orders/{orderId}, POST /orders/{orderId}/cancel. */
public final class OrdersApiHandler implements RequestStreamHandler {

    private final HttpRouter router;

    public OrdersApiHandler() {
        this(Environment.system());
    }

    public OrdersApiHandler(Environment env) {
        this(OrdersWiring.service(env), IdempotencyStore.builder()
                .dynamoDb(AwsClients.dynamoDb(env)).tableName(env.require("IDEMPOTENCY_TABLE")).inProgressTimeoutFrom(env).build());
    }

    public OrdersApiHandler(OrdersService service, IdempotencyStore idempotency) {
        this.router = new OrdersApi(service, idempotency).router();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, router.handle(LambdaIo.read(input)).toEvent());
    }
}

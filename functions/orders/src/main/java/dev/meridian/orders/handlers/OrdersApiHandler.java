package dev.meridian.orders.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.http.HttpRouter;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.orders.adapters.DynamoStorageProbe;
import dev.meridian.orders.adapters.HealthApi;
import dev.meridian.orders.adapters.OrdersApi;
import dev.meridian.orders.app.OrdersService;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** HTTP API entry point: POST /orders, GET /orders, GET /orders/{orderId}, POST /orders/{orderId}/cancel, GET /health. */
public final class OrdersApiHandler implements RequestStreamHandler {

    private final HttpRouter router;

    public OrdersApiHandler() {
        this(Environment.system());
    }

    public OrdersApiHandler(Environment env) {
        this(OrdersWiring.service(env), IdempotencyStore.builder()
                .dynamoDb(AwsClients.dynamoDb(env)).tableName(env.require("IDEMPOTENCY_TABLE")).inProgressTimeoutFrom(env).build(),
                new HealthApi(new DynamoStorageProbe(AwsClients.dynamoDb(env), env.require("ORDERS_TABLE")), env.region()));
        Priming.onSnapStart(env, "OrdersApiHandler", this::prime);
    }

    public OrdersApiHandler(OrdersService service, IdempotencyStore idempotency, HealthApi health) {
        this.router = new OrdersApi(service, idempotency, health).router();
    }

    /** SnapStart priming, no side effects: a read of an order that cannot exist (404), an order rejected by validation (400). */
    private void prime() {
        Priming.invoke(this, SyntheticEvents.httpApi("GET", "GET /orders/{orderId}", "/orders/" + OrdersWiring.PRIMING_ORDER_ID,
                Map.of("orderId", OrdersWiring.PRIMING_ORDER_ID), null, "priming", null));
        Priming.invoke(this, SyntheticEvents.httpApi("POST", "POST /orders", "/orders", Map.of(),
                "{\"lines\":[{\"sku\":\"zz-meridian-priming-0\",\"quantity\":1}],\"payment\":{\"token\":\"not a token\"}}", "priming", null));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, router.handle(LambdaIo.read(input)).toEvent());
    }
}

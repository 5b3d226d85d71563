package dev.meridian.inventory.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.Environment;
import dev.meridian.common.http.HttpRouter;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.inventory.adapters.ProductsApi;
import dev.meridian.inventory.app.InventoryRepository;
import dev.meridian.inventory.app.ProductsService;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** HTTP API entry point: GET /products, GET /products/{sku}, PUT /products/{sku}, POST /products/{sku}/restock. */
public final class ProductsApiHandler implements RequestStreamHandler {

    private final HttpRouter router;

    public ProductsApiHandler() {
        this(Environment.system());
    }

    public ProductsApiHandler(Environment env) {
        this(InventoryWiring.repository(env), InventoryWiring.idempotency(env));
        Priming.onSnapStart(env, "ProductsApiHandler", this::prime);
    }

    public ProductsApiHandler(InventoryRepository repository, IdempotencyStore idempotency) {
        this.router = new ProductsApi(new ProductsService(repository), idempotency).router();
    }

    /** SnapStart priming, no side effects: a read of a product that cannot exist (404), an admin PUT rejected by validation (400). */
    private void prime() {
        Priming.invoke(this, SyntheticEvents.httpApi("GET", "GET /products/{sku}", "/products/" + InventoryWiring.PRIMING_SKU,
                Map.of("sku", InventoryWiring.PRIMING_SKU), null, "priming", null));
        Priming.invoke(this, SyntheticEvents.httpApi("PUT", "PUT /products/{sku}", "/products/" + InventoryWiring.PRIMING_SKU,
                Map.of("sku", InventoryWiring.PRIMING_SKU), "{\"name\":\"priming\",\"price\":-1,\"currency\":\"EUR\"}", "priming", "[admin]"));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, router.handle(LambdaIo.read(input)).toEvent());
    }
}

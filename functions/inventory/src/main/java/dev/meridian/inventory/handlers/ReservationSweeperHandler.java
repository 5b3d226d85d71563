package dev.meridian.inventory.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.Environment;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.inventory.app.InventoryRepository;
import dev.meridian.inventory.app.InventoryService;

import java.io.InputStream;
import java.io.OutputStream;

/** Scheduled entry point: reports reservations past their expiry (ReservationExpired). */
public final class ReservationSweeperHandler implements RequestStreamHandler {

    static final int BATCH = 100;

    private final InventoryService service;

    public ReservationSweeperHandler() {
        this(Environment.system());
    }

    public ReservationSweeperHandler(Environment env) {
        this(InventoryWiring.service(env));
        // not the sweep itself (it would report real expired reservations): the event's JSON and a product read
        Priming.onSnapStart(env, "ReservationSweeperHandler", () -> {
            LambdaIo.read(new java.io.ByteArrayInputStream(SyntheticEvents.scheduled(env.region())));
            InventoryWiring.repository(env).find(InventoryWiring.PRIMING_SKU);
            LambdaIo.write(OutputStream.nullOutputStream(), Json.object().put("expired", 0));
        });
    }

    public ReservationSweeperHandler(InventoryService service) {
        this.service = service;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.read(input);
        int reported = service.sweepExpired(BATCH, InventoryRepository.Fence.NONE);
        LambdaIo.write(output, Json.object().put("expired", reported));
    }
}

package dev.meridian.inventory.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.common.lock.DistributedLock;
import dev.meridian.common.lock.Lease;
import dev.meridian.inventory.app.InventoryService;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Scheduled entry point: reports reservations past their expiry (ReservationExpired).
 *
 * <p>First one read of the expiry index: with nothing expired (most runs) it stops there,
 * without touching the lock. Otherwise it sweeps under this region's sweeper lock: when
 * another sweeper holds it, this run does nothing. Every write of the sweep carries the
 * lease's fencing check, so a sweeper that was paused past its lease cannot write after the
 * next one started.
 */
public final class ReservationSweeperHandler implements RequestStreamHandler {

    static final int BATCH = 100;
    static final Duration LEASE = Duration.ofSeconds(60);

    private final InventoryService service;
    private final DistributedLock locks;
    private final String lockKey;

    public ReservationSweeperHandler() {
        this(Environment.system());
    }

    public ReservationSweeperHandler(Environment env) {
        this(InventoryWiring.service(env), DistributedLock.builder().environment(env).dynamoDb(AwsClients.dynamoDb(env)).build(),
                env.region());
        // not the sweep itself (it would report real expired reservations): the event's JSON and a product read
        Priming.onSnapStart(env, "ReservationSweeperHandler", () -> {
            LambdaIo.read(new java.io.ByteArrayInputStream(SyntheticEvents.scheduled(env.region())));
            InventoryWiring.repository(env).find(InventoryWiring.PRIMING_SKU);
            LambdaIo.write(OutputStream.nullOutputStream(), Json.object().put("expired", 0));
        });
    }

    public ReservationSweeperHandler(InventoryService service, DistributedLock locks, String region) {
        this.service = service;
        this.locks = locks;
        this.lockKey = DistributedLock.regionalKey("reservation-sweeper", region);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.read(input);
        if (!service.anyExpired()) {
            LambdaIo.write(output, Json.object().put("expired", 0));
            return;
        }
        Optional<Lease> acquired = locks.tryAcquire(lockKey, LEASE);
        if (acquired.isEmpty()) {
            LambdaIo.write(output, Json.object().put("expired", 0).put("skipped", "another sweeper holds " + lockKey));
            return;
        }
        try (Lease lease = acquired.get()) {
            int reported = service.sweepExpired(BATCH, lease);
            LambdaIo.write(output, Json.object().put("expired", reported).put("fencingToken", lease.fencingToken()));
        }
    }
}

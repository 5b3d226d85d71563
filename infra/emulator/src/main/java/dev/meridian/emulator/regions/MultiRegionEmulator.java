package dev.meridian.emulator.regions;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.SharedServices;
import dev.meridian.emulator.auth.LocalIssuer;
import dev.meridian.emulator.engines.GlobalDynamoDb;
import dev.meridian.emulator.http.HttpGateway;
import dev.meridian.emulator.template.Specs;
import dev.meridian.testkit.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A template in several regions in this JVM: one stack per region (its own functions, queues,
 * bus, schedules and HTTP API on its own port), one DynamoDB engine in global mode whose
 * replicas the template's {@code AWS::DynamoDB::GlobalTable}s replicate between
 * ({@code AWS::DynamoDB::Table}s stay regional), one local issuer whose tokens every region
 * accepts, the region controls and views under {@code /_local} on every region's port
 * ({@link RegionControl}), and a front door standing in for DNS failover ({@link FrontDoor}).
 */
public final class MultiRegionEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("local");
    static final String GLOBAL_TABLE = "AWS::DynamoDB::GlobalTable";

    private final List<RegionStack> regions = new ArrayList<>();
    private GlobalDynamoDb dynamo;
    private RegionControl control;
    private FrontDoor frontDoor;
    private Duration startupTime;
    private String startupPhases = "";
    private boolean closed;

    private MultiRegionEmulator() {
    }

    /** Starts every region in parallel and returns when all answer; on any failure stops what started and rethrows. */
    public static MultiRegionEmulator start(EmulatorOptions base, MultiRegionOptions options) {
        MultiRegionEmulator local = new MultiRegionEmulator();
        try {
            local.doStart(base, options);
            return local;
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    private void doStart(EmulatorOptions base, MultiRegionOptions options) {
        long t0 = System.nanoTime();
        List<String> names = options.regions();
        int[] ports = new int[names.size()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = options.port() == 0 ? FreePorts.find() : options.port() + i;
        }
        int frontDoorPort = options.port() == 0 ? 0 : options.port() + MultiRegionOptions.FRONT_DOOR_OFFSET;
        ExecutorService starters = Executors.newFixedThreadPool(names.size() + 1, r -> {
            Thread t = new Thread(r, "region-start");
            t.setDaemon(true);
            return t;
        });
        // the engine starts while the regions start their queues, buses and gateways
        CompletableFuture<GlobalDynamoDb> dynamoF = CompletableFuture.supplyAsync(() -> {
            GlobalDynamoDb engine = GlobalDynamoDb.start(names);
            if (options.lag() != null) {
                engine.lag(options.lag(), options.jitter() == null ? Duration.ZERO : options.jitter());
            }
            return engine;
        }, starters);
        List<CompletableFuture<Emulator>> starts = new ArrayList<>();
        try {
            SharedServices shared = new SharedServices(dynamoF.thenApply(GlobalDynamoDb::endpoint),
                    "http://127.0.0.1:" + ports[0] + HttpGateway.ISSUER_PATH, CompletableFuture.supplyAsync(() -> LocalIssuer.keyMaterial(null)));
            for (int i = 0; i < names.size(); i++) {
                EmulatorOptions regional = base.forRegion(names.get(i), ports[i], shared,
                        options.regionParameters().apply(names.get(i), names));
                starts.add(CompletableFuture.supplyAsync(() -> Emulator.start(regional), starters));
            }
            RuntimeException failure = null;
            try {
                dynamo = dynamoF.join();
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : e;
            }
            for (int i = 0; i < names.size(); i++) {
                try {
                    regions.add(new RegionStack(names.get(i), starts.get(i).join()));
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                    if (failure == null) {
                        failure = cause;
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            starters.shutdown();
        }
        long regionsReady = System.nanoTime();
        Map<String, String> globalTables = globalTables();
        globalTables.values().forEach(dynamo::replicate);
        control = new RegionControl(regions, dynamo, globalTables);
        regions.forEach(r -> control.registerRoutes(r.stack().localRoutes()));
        frontDoor = FrontDoor.start(frontDoorPort, regions);
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
        startupPhases = "regions " + (regionsReady - t0) / 1_000_000 + " ms (" + String.join(", ", regions.stream()
                .map(r -> r.name() + " " + r.stack().startupTime().toMillis() + " ms").toList()) + "), replication + front door "
                + (System.nanoTime() - regionsReady) / 1_000_000 + " ms";
    }

    /** The template's global tables: logical id to physical name, the same in every region (checked). */
    private Map<String, String> globalTables() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Specs.Table t : regions.get(0).stack().model().tables().values()) {
            if (!t.type().equals(GLOBAL_TABLE)) {
                continue;
            }
            for (RegionStack r : regions) {
                String name = r.stack().tableName(t.logicalId());
                if (!name.equals(t.tableName())) {
                    throw new IllegalStateException(t.logicalId() + " (" + GLOBAL_TABLE + "): its TableName differs between regions ("
                            + t.tableName() + " in " + regions.get(0).name() + ", " + name + " in " + r.name()
                            + "); a global table has one name in every region");
                }
            }
            out.put(t.logicalId(), t.tableName());
        }
        return out;
    }

    // ------------------------------------------------------------------ API for tests and the command line

    /** Every region, in the order given; the first is the primary. */
    public List<RegionStack> regions() {
        return List.copyOf(regions);
    }

    /** One region's stack, by name. */
    public Emulator region(String name) {
        return find(name).map(RegionStack::stack).orElseThrow(() -> new IllegalArgumentException("no region " + name + " in this run"));
    }

    private Optional<RegionStack> find(String name) {
        return regions.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public RegionControl control() {
        return control;
    }

    /** {@code http://127.0.0.1:<port>}: the front door. */
    public String frontDoorUrl() {
        return frontDoor.baseUrl();
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Where each region and the front door listen, and the routes that steer them. */
    public void printBanner(PrintStream out, String program) {
        RegionStack primary = regions.get(0);
        out.println(program + ": stack " + primary.stack().model().stackName() + " in " + regions.size() + " regions (one DynamoDB engine "
                + dynamo.endpoint() + " in global mode; JWT issuer " + primary.stack().issuerUrl() + " for every region)");
        for (int i = 0; i < regions.size(); i++) {
            RegionStack r = regions.get(i);
            out.println("  " + pad(r.name(), 16) + r.stack().baseUrl() + (i == 0 ? "  (primary)" : "") + "  SQS " + r.stack().sqsEndpoint()
                    + "  EventBridge " + r.stack().eventBridgeEndpoint());
        }
        out.println("  global tables    " + String.join(", ", control.globalTableIds()));
        out.println("  front door       " + frontDoor.baseUrl() + "  (header " + FrontDoor.REGION_HEADER + ": REGION; answers name "
                + FrontDoor.SERVED_BY_HEADER + ")");
        out.println("  regions          GET /_local/regions; POST /_local/regions/REGION/cut|down|heal (on any region's port)");
        out.println("  replication      GET /_local/replication, GET /_local/converged");
        out.println("ready in " + startupTime.toMillis() + " ms (" + startupPhases + ")");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Stops the front door, every region and the engine. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (frontDoor != null) {
            frontDoor.close();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        regions.forEach(r -> stops.add(CompletableFuture.runAsync(r.stack()::close)));
        stops.forEach(CompletableFuture::join);
        if (dynamo != null) {
            try {
                dynamo.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping the DynamoDB engine failed: {}", e.toString());
            }
        }
    }
}

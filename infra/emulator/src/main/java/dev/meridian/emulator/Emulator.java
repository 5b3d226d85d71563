package dev.meridian.emulator;

import dev.meridian.emulator.auth.IssuerRoutes;
import dev.meridian.emulator.auth.JwtVerifier;
import dev.meridian.emulator.auth.LocalIssuer;
import dev.meridian.emulator.bus.EventBridgeEndpoint;
import dev.meridian.emulator.bus.EventBus;
import dev.meridian.emulator.chaos.ChaosInterceptor;
import dev.meridian.emulator.chaos.Fault;
import dev.meridian.emulator.chaos.FaultInjector;
import dev.meridian.emulator.chaos.LocalInspection;
import dev.meridian.emulator.engines.DynamoDbEngineProcess;
import dev.meridian.emulator.engines.EngineClients;
import dev.meridian.emulator.engines.SqsEngineProcess;
import dev.meridian.emulator.engines.Tables;
import dev.meridian.emulator.http.HttpGateway;
import dev.meridian.emulator.lambda.Functions;
import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.schedule.Scheduler;
import dev.meridian.emulator.sqs.Queues;
import dev.meridian.emulator.sqs.SqsEventSourceMapping;
import dev.meridian.emulator.streams.StreamEventSourceMapping;
import dev.meridian.emulator.template.CfnYaml;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;
import dev.meridian.emulator.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole stack of a SAM template in this JVM: the DynamoDB and SQS engines, the event bus,
 * event source mappings, schedules, the HTTP gateway and the local issuer.
 *
 * <pre>{@code
 * try (Emulator stack = Emulator.start(EmulatorOptions.builder().template(path).anyFreePort().build())) {
 *     String token = stack.mintToken("alice", false);
 *     HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/items")).header("Authorization", "Bearer " + token)...
 * }
 * }</pre>
 */
public final class Emulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("local");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<SqsEventSourceMapping> sqsMappings = new ArrayList<>();
    private final List<StreamEventSourceMapping> streamMappings = new ArrayList<>();
    private final ExecutorService invokers = Executors.newCachedThreadPool(daemon("invoke"));
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(16, daemon("http"));
    /** Separate from the gateway's: a function called over HTTP may itself call PutEvents. */
    private final ExecutorService eventsThreads = Executors.newFixedThreadPool(4, daemon("events-api"));
    private Map<String, LocalFunction> functions = Map.of();
    private Map<String, String> queueUrls = Map.of();
    private StackModel model;
    private HttpGateway gateway;
    private EventBridgeEndpoint eventsEndpoint;
    private DynamoDbEngineProcess dynamo;
    private URI dynamoEndpoint;
    private SqsEngineProcess sqsEngine;
    private EngineClients clients;
    private LocalIssuer issuer;
    private Scheduler scheduler;
    private Duration startupTime;
    private String startupPhases = "";
    private volatile boolean closed;
    private FaultInjector chaos;
    private URI[] chaosEndpoints = new URI[0];

    private Emulator() {
    }

    /**
     * Reads the template, starts everything, and returns when the API answers.
     *
     * @throws TemplateException when the template uses a feature the emulator does not support
     */
    public static Emulator start(EmulatorOptions options) {
        Emulator local = new Emulator();
        try {
            local.doStart(options);
            return local;
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    private void doStart(EmulatorOptions options) {
        long t0 = System.nanoTime();
        StartupPhases phases = new StartupPhases(t0);
        Map<String, Object> template = CfnYaml.read(options.template());
        // a first pass with placeholder endpoints reports template problems before any engine starts
        Functions.checkHandlers(StackModel.load(template, options.parameters(), options.stackName(), options.region(),
                Specs.Endpoints.placeholder()));
        phases.mark("template");

        Path dataDir = options.dataDir();
        SharedServices shared = options.shared();
        CompletableFuture<DynamoDbEngineProcess> dynamoF = shared != null ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> DynamoDbEngineProcess.start(dataDir == null ? null : mkdirs(dataDir.resolve("dynamodb"))));
        CompletableFuture<SqsEngineProcess> sqsF = CompletableFuture.supplyAsync(SqsEngineProcess::start);
        CompletableFuture<LocalIssuer.KeyMaterial> keyF = shared != null ? shared.issuerKey()
                : CompletableFuture.supplyAsync(() -> LocalIssuer.keyMaterial(dataDir == null ? null : dataDir.resolve("issuer-key")));
        CompletableFuture<Void> warm = CompletableFuture.runAsync(EngineClients::warmUpSdk);
        gateway = HttpGateway.bind(options.port(), httpThreads);
        closeables.add(gateway);
        String issuerUrl = shared != null ? shared.issuerUrl() : gateway.issuerUrl();
        eventsEndpoint = EventBridgeEndpoint.bind(eventsThreads);
        closeables.add(eventsEndpoint);
        try {
            dynamo = dynamoF.join();
            dynamoEndpoint = shared != null ? shared.dynamoDbEndpoint().join() : dynamo.endpoint();
            sqsEngine = sqsF.join();
        } catch (CompletionException e) {
            dynamoF.thenAccept(DynamoDbEngineProcess::close);
            sqsF.thenAccept(SqsEngineProcess::close);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        warm.join();
        phases.mark("engines");

        model = StackModel.load(template, options.parameters(), options.stackName(), options.region(), new Specs.Endpoints(
                dynamoEndpoint.toString(), sqsEngine.endpoint().toString(), eventsEndpoint.url(), issuerUrl, gateway.baseUrl()));
        clients = EngineClients.connect(dynamoEndpoint, sqsEngine.endpoint(), options.region());
        CompletableFuture<Map<String, TableDescription>> tablesF = CompletableFuture.supplyAsync(() -> Tables.create(model, clients.dynamoDb()));
        queueUrls = Queues.create(model, clients.sqs());
        Map<String, TableDescription> tables = tablesF.join();
        phases.mark("tables+queues");

        if (options.chaos() != null) {
            // before the functions build their clients: only clients built afterwards carry the interceptor
            chaos = new FaultInjector(options.chaos());
            chaosEndpoints = new URI[]{dynamoEndpoint, URI.create(eventsEndpoint.url())};
            ChaosInterceptor.installed().register(new ChaosInterceptor.Target(chaos, options.extension().slowTables(model)), chaosEndpoints);
        }
        functions = Functions.create(model, invokers, options::concurrencyOf);
        phases.mark("functions");

        issuer = LocalIssuer.create(issuerUrl, StackModel.LOCAL_CLIENT_ID, keyF.join(), Clock.systemUTC());
        JwtVerifier verifier = new JwtVerifier(issuer.issuer(), Set.of(StackModel.LOCAL_CLIENT_ID), issuer.jwks(), Clock.systemUTC());
        eventsEndpoint.attach(new EventBus(model, clients.sqs(), queueUrls, functions, invokers));
        createEventSources(tables, dataDir);
        scheduler = new Scheduler(model, functions);
        sqsMappings.forEach(SqsEventSourceMapping::start);
        streamMappings.forEach(StreamEventSourceMapping::start);
        scheduler.start();

        IssuerRoutes.register(gateway.localRoutes(), issuer);
        gateway.localRoutes().addView("GET /_local/endpoints", this::endpointsJson);
        scheduler.registerRoutes(gateway.localRoutes());
        new LocalInspection(model, clients.sqs(), queueUrls, chaos, options.extension().deadLetterIds()).registerRoutes(gateway.localRoutes());
        options.extension().addLocalRoutes(gateway.localRoutes(), model, clients.dynamoDb());
        gateway.attach(model, functions, verifier);
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
        phases.mark("wiring");
        startupPhases = phases.toString();
    }

    /** The SQS and stream event source mappings (not started); with chaos, SQS mappings may deliver twice. */
    private void createEventSources(Map<String, TableDescription> tables, Path dataDir) {
        for (Specs.SqsSource s : model.sqsSources()) {
            var mapping = new SqsEventSourceMapping(s, queueUrls.get(s.queueLogicalId()), model.queueArn(s.queueLogicalId()),
                    model.region(), clients.sqs(), functions.get(s.functionLogicalId()));
            if (chaos != null) {
                FaultInjector injector = chaos;
                mapping.duplicateDeliveries(() -> injector.roll(Fault.DUPLICATE));
            }
            sqsMappings.add(mapping);
        }
        for (Specs.StreamSource s : model.streamSources()) {
            Specs.Table table = model.tables().get(s.tableLogicalId());
            TableDescription description = tables.get(s.tableLogicalId());
            String eventSourceArn = model.tableArn(table.tableName()) + "/stream/" + description.latestStreamLabel();
            streamMappings.add(new StreamEventSourceMapping(s, table.tableName(), description.latestStreamArn(), eventSourceArn,
                    model.region(), clients.streams(), functions.get(s.functionLogicalId()), clients.sqs(),
                    s.onFailureQueueLogicalId() == null ? null : queueUrls.get(s.onFailureQueueLogicalId()),
                    dataDir == null ? null
                            : dataDir.resolve("stream-checkpoints").resolve(s.functionLogicalId() + "." + s.eventName() + ".properties")));
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    // ------------------------------------------------------------------ API for tests and the command line

    /** {@code http://127.0.0.1:<port>}: the HTTP API. */
    public String baseUrl() {
        return gateway.baseUrl();
    }

    public int port() {
        return gateway.port();
    }

    public String issuerUrl() {
        return issuer.issuer();
    }

    /** An ID token for {@code user}, in the admin group if asked, valid for an hour. */
    public String mintToken(String user, boolean admin) {
        return issuer.mint(user, admin, 3600);
    }

    public String mintToken(String user, boolean admin, long ttlSeconds) {
        return issuer.mint(user, admin, ttlSeconds);
    }

    /** The issuer itself, to craft tokens in tests. */
    public LocalIssuer issuer() {
        return issuer;
    }

    /**
     * {@code GET /_local/endpoints}: where each engine listens, for the AWS CLI or any SDK
     * ({@code aws dynamodb scan --table-name T --endpoint-url URL}). DynamoDB Streams shares the
     * DynamoDB engine's endpoint, as the wire protocol tells them apart by target.
     */
    private String endpointsJson() {
        Map<String, String> endpoints = new java.util.LinkedHashMap<>();
        endpoints.put("dynamodb", dynamoDbEndpoint().toString());
        endpoints.put("dynamodbstreams", dynamoDbEndpoint().toString());
        endpoints.put("sqs", sqsEndpoint().toString());
        endpoints.put("events", eventBridgeEndpoint().toString());
        return dev.meridian.common.json.Json.write(endpoints);
    }

    public URI dynamoDbEndpoint() {
        return dynamoEndpoint;
    }

    public URI sqsEndpoint() {
        return sqsEngine.endpoint();
    }

    public URI eventBridgeEndpoint() {
        return URI.create(eventsEndpoint.url());
    }

    public DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    /** The URL of a queue, by its template logical id. */
    public String queueUrl(String logicalId) {
        String url = queueUrls.get(logicalId);
        if (url == null) {
            throw new IllegalArgumentException("no queue " + logicalId + " in the template");
        }
        return url;
    }

    /** The physical name of a table, by its template logical id. */
    public String tableName(String logicalId) {
        Specs.Table t = model.tables().get(logicalId);
        if (t == null) {
            throw new IllegalArgumentException("no table " + logicalId + " in the template");
        }
        return t.tableName();
    }

    /** Fires a function's schedules now; false when one invocation failed. */
    public boolean triggerSchedule(String functionLogicalId) {
        List<LocalFunction.Result> results = scheduler.trigger(functionLogicalId);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("function " + functionLogicalId + " has no schedule");
        }
        return results.stream().allMatch(LocalFunction.Result::ok);
    }

    public StackModel model() {
        return model;
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** The fault injector of {@code --chaos}, when the stack runs with one. */
    public Optional<FaultInjector> chaos() {
        return Optional.ofNullable(chaos);
    }

    /** Where the stack's parts and the embedding program register {@code /_local} routes (multi-region control, views). */
    public dev.meridian.emulator.http.LocalRoutes localRoutes() {
        return gateway.localRoutes();
    }

    /**
     * Takes the region down (true): its API answers 503 on every route but {@code /_local/*}, its
     * SQS and stream event source mappings and its timed schedules stop (what waits, waits);
     * false brings it back. Its tables and queues are untouched.
     */
    public void down(boolean down) {
        gateway.down(down);
        sqsMappings.forEach(m -> m.suspend(down));
        streamMappings.forEach(m -> m.suspend(down));
        scheduler.suspend(down);
    }

    /** Prints where everything listens and what runs, each line of the first prefixed by {@code program}. */
    public void printBanner(PrintStream out, String program) {
        Banner.print(this, sqsMappings, startupPhases, program, out);
    }

    /** Stops pollers, gateway and engines. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (gateway != null) {
            gateway.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        sqsMappings.forEach(m -> stops.add(CompletableFuture.runAsync(m::close)));
        streamMappings.forEach(m -> stops.add(CompletableFuture.runAsync(m::close)));
        stops.forEach(CompletableFuture::join);
        if (chaos != null) {
            ChaosInterceptor.installed().unregister(chaosEndpoints);
        }
        closeables.forEach(Emulator::quietly);
        invokers.shutdownNow();
        httpThreads.shutdownNow();
        eventsThreads.shutdownNow();
        quietly(clients);
        quietly(sqsEngine);
        quietly(dynamo);
    }

    private static void quietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

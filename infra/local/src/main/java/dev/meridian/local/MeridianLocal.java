package dev.meridian.local;

import dev.meridian.local.auth.JwtVerifier;
import dev.meridian.local.auth.LocalIssuer;
import dev.meridian.local.bus.EventBridgeEndpoint;
import dev.meridian.local.bus.EventBus;
import dev.meridian.local.http.HttpGateway;
import dev.meridian.local.http.RouteTable;
import dev.meridian.local.lambda.LocalFunction;
import dev.meridian.local.schedule.Scheduler;
import dev.meridian.local.sqs.SqsEventSourceMapping;
import dev.meridian.local.streams.StreamEventSourceMapping;
import dev.meridian.local.template.CfnYaml;
import dev.meridian.local.template.Specs;
import dev.meridian.local.template.StackModel;
import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.testkit.ElasticMqEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole stack of a SAM template in this JVM: DynamoDB Local, ElasticMQ, the event bus,
 * event source mappings, schedules, the HTTP gateway and the local issuer.
 *
 * <pre>{@code
 * try (MeridianLocal stack = MeridianLocal.start(LocalOptions.builder().template(path).anyFreePort().build())) {
 *     String token = stack.mintToken("alice", false);
 *     HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/orders")).header("Authorization", "Bearer " + token)...
 * }
 * }</pre>
 */
public final class MeridianLocal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("local");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final List<SqsEventSourceMapping> sqsMappings = new ArrayList<>();
    private final List<StreamEventSourceMapping> streamMappings = new ArrayList<>();
    private final ExecutorService invokers = Executors.newCachedThreadPool(daemon("invoke"));
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(16, daemon("http"));
    /** Separate from the gateway's: a function called over HTTP may itself call PutEvents. */
    private final ExecutorService eventsThreads = Executors.newFixedThreadPool(4, daemon("events-api"));
    private StackModel model;
    private HttpGateway gateway;
    private EventBridgeEndpoint eventsEndpoint;
    private DynamoDbEngine dynamo;
    private ElasticMqEngine elasticMq;
    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;
    private SqsClient sqs;
    private LocalIssuer issuer;
    private Scheduler scheduler;
    private Duration startupTime;
    private String startupPhases = "";
    private volatile boolean closed;
    private dev.meridian.local.chaos.FaultInjector chaos;
    private URI[] chaosEndpoints = new URI[0];

    private MeridianLocal() {
    }

    /**
     * Reads the template, starts everything, and returns when the API answers.
     *
     * @throws dev.meridian.local.template.TemplateException when the template uses a feature the runtime does not support
     */
    public static MeridianLocal start(LocalOptions options) {
        MeridianLocal local = new MeridianLocal();
        try {
            local.doStart(options);
            return local;
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    private void doStart(LocalOptions options) {
        long t0 = System.nanoTime();
        Map<String, Object> template = CfnYaml.read(options.template());
        Phases phases = new Phases(t0);
        // a first pass with placeholder endpoints reports template problems before any engine starts
        StackModel checked = StackModel.load(template, options.parameters(), options.stackName(), options.region(),
                Specs.Endpoints.placeholder());
        List<String> handlerProblems = new ArrayList<>();
        for (Specs.Function f : checked.functions().values()) {
            try {
                LocalFunction.handlerConstructor(f);
            } catch (IllegalStateException e) {
                handlerProblems.add(e.getMessage());
            }
        }
        if (!handlerProblems.isEmpty()) {
            throw new IllegalStateException("functions cannot be constructed:\n  - " + String.join("\n  - ", handlerProblems));
        }

        phases.mark("template");
        Path dataDir = options.dataDir();
        CompletableFuture<DynamoDbEngine> dynamoF = CompletableFuture.supplyAsync(
                () -> DynamoDbEngine.builder().dataDirectory(dataDir == null ? null : dataDir.resolve("dynamodb")).build().start());
        CompletableFuture<ElasticMqEngine> sqsF = CompletableFuture.supplyAsync(ElasticMqEngine::start);
        CompletableFuture<LocalIssuer.KeyMaterial> keyF = CompletableFuture.supplyAsync(
                () -> LocalIssuer.keyMaterial(dataDir == null ? null : dataDir.resolve("issuer-key")));
        CompletableFuture<Void> warm = CompletableFuture.runAsync(MeridianLocal::warmUpSdk);
        gateway = HttpGateway.bind(options.port(), httpThreads);
        closeables.add(gateway);
        eventsEndpoint = EventBridgeEndpoint.bind(eventsThreads);
        closeables.add(eventsEndpoint);
        try {
            dynamo = dynamoF.join();
            elasticMq = sqsF.join();
        } catch (CompletionException e) {
            dynamoF.thenAccept(DynamoDbEngine::close);
            sqsF.thenAccept(ElasticMqEngine::close);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        warm.join();
        phases.mark("engines");
        Specs.Endpoints endpoints = new Specs.Endpoints(dynamo.endpoint().toString(), elasticMq.endpoint().toString(),
                eventsEndpoint.url(), gateway.issuerUrl(), gateway.baseUrl());
        model = StackModel.load(template, options.parameters(), options.stackName(), options.region(), endpoints);

        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        Region region = Region.of(options.region());
        dynamoDb = DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint()).region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        sqs = SqsClient.builder().endpointOverride(elasticMq.endpoint()).region(region).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

        CompletableFuture<Map<String, TableDescription>> tablesF = CompletableFuture.supplyAsync(this::createTables);
        createQueues();
        Map<String, TableDescription> tables = tablesF.join();
        phases.mark("tables+queues");
        if (options.chaos() != null) {
            // before the functions build their clients: only clients built afterwards carry the interceptor
            chaos = new dev.meridian.local.chaos.FaultInjector(options.chaos());
            chaosEndpoints = new URI[]{dynamo.endpoint(), URI.create(eventsEndpoint.url())};
            dev.meridian.local.chaos.ChaosInterceptor.installed().register(new dev.meridian.local.chaos.ChaosInterceptor.Target(
                    chaos, dev.meridian.local.chaos.LocalInspection.paymentTables(model)), chaosEndpoints);
        }
        createFunctions(options);
        phases.mark("functions");

        issuer = LocalIssuer.create(gateway.issuerUrl(), StackModel.LOCAL_CLIENT_ID, keyF.join(), Clock.systemUTC());
        JwtVerifier verifier = new JwtVerifier(issuer.issuer(), Set.of(StackModel.LOCAL_CLIENT_ID), issuer.jwks(), Clock.systemUTC());

        EventBus bus = new EventBus(model, sqs, queueUrls, functions, invokers);
        eventsEndpoint.attach(bus);
        for (Specs.SqsSource s : model.sqsSources()) {
            var mapping = new SqsEventSourceMapping(s, queueUrls.get(s.queueLogicalId()), model.queueArn(s.queueLogicalId()),
                    model.region(), sqs, functions.get(s.functionLogicalId()));
            sqsMappings.add(mapping);
        }
        for (Specs.StreamSource s : model.streamSources()) {
            Specs.Table table = model.tables().get(s.tableLogicalId());
            TableDescription description = tables.get(s.tableLogicalId());
            String eventSourceArn = model.tableArn(table.tableName()) + "/stream/" + description.latestStreamLabel();
            var mapping = new StreamEventSourceMapping(s, table.tableName(), description.latestStreamArn(), eventSourceArn,
                    model.region(), streams, functions.get(s.functionLogicalId()), sqs,
                    s.onFailureQueueLogicalId() == null ? null : queueUrls.get(s.onFailureQueueLogicalId()),
                    options.dataDir() == null ? null
                            : options.dataDir().resolve("stream-checkpoints").resolve(s.functionLogicalId() + "." + s.eventName() + ".properties"));
            streamMappings.add(mapping);
        }
        scheduler = new Scheduler(model, functions);
        if (chaos != null) {
            dev.meridian.local.chaos.FaultInjector injector = chaos;
            sqsMappings.forEach(m -> m.duplicateDeliveries(() -> injector.roll(dev.meridian.local.chaos.Fault.DUPLICATE)));
        }
        sqsMappings.forEach(SqsEventSourceMapping::start);
        streamMappings.forEach(StreamEventSourceMapping::start);
        scheduler.start();
        new dev.meridian.local.chaos.LocalInspection(model, dynamoDb, sqs, queueUrls, chaos).attach(gateway);
        gateway.attach(new HttpGateway.Wiring(model, new RouteTable(model.routes()), functions, verifier, issuer, scheduler));
        startupTime = Duration.ofNanos(System.nanoTime() - t0);
        phases.mark("wiring");
        startupPhases = phases.toString();
    }

    /** Start-up phases and their durations, for the banner. */
    private static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private long last;

        Phases(long start) {
            last = start;
        }

        void mark(String phase) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /**
     * Loads the SDK's client, marshalling and signing classes while the engines start (one
     * call each against a closed port, no retries): the first real call is then cheap.
     */
    private static void warmUpSdk() {
        URI closed = URI.create("http://127.0.0.1:" + dev.meridian.testkit.FreePorts.find());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        var noRetries = software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
                .retryStrategy(software.amazon.awssdk.core.retry.RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)).build();
        try (DynamoDbClient d = DynamoDbClient.builder().endpointOverride(closed).region(Region.US_EAST_1).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(noRetries).build();
             SqsClient q = SqsClient.builder().endpointOverride(closed).region(Region.US_EAST_1).credentialsProvider(credentials)
                     .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(noRetries).build()) {
            try {
                d.describeTable(b -> b.tableName("warm-up"));
            } catch (RuntimeException expected) {
                // connection refused: the classes are loaded
            }
            try {
                q.getQueueUrl(b -> b.queueName("warm-up"));
            } catch (RuntimeException expected) {
                // idem
            }
        } catch (RuntimeException e) {
            LOG.debug("SDK warm-up: {}", e.toString());
        }
    }

    private static Path mkdirs(Path dir) {
        try {
            return java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir, e);
        }
    }

    private Map<String, TableDescription> createTables() {
        Map<String, TableDescription> out = new LinkedHashMap<>();
        for (Specs.Table t : model.tables().values()) {
            var request = software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.builder()
                    .tableName(t.tableName())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keys(t.keySchema()))
                    .attributeDefinitions(t.attributeTypes().entrySet().stream()
                            .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build()).toList());
            if (!t.globalIndexes().isEmpty()) {
                request.globalSecondaryIndexes(t.globalIndexes().stream().map(i -> GlobalSecondaryIndex.builder()
                        .indexName(i.name()).keySchema(keys(i.keySchema())).projection(projection(i)).build()).toList());
            }
            if (!t.localIndexes().isEmpty()) {
                request.localSecondaryIndexes(t.localIndexes().stream().map(i -> LocalSecondaryIndex.builder()
                        .indexName(i.name()).keySchema(keys(i.keySchema())).projection(projection(i)).build()).toList());
            }
            if (t.streamViewType() != null) {
                request.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(t.streamViewType()).build());
            }
            try {
                dynamoDb.createTable(request.build());
            } catch (ResourceInUseException exists) {
                LOG.info("table {} exists in the data directory; kept as it is", t.tableName());
            } catch (RuntimeException e) {
                throw new IllegalStateException(t.logicalId() + " (" + t.type() + "): DynamoDB Local refused the table: " + e.getMessage(), e);
            }
            if (t.ttlAttribute() != null) {
                try {
                    dynamoDb.updateTimeToLive(b -> b.tableName(t.tableName())
                            .timeToLiveSpecification(s -> s.attributeName(t.ttlAttribute()).enabled(true)));
                } catch (RuntimeException e) {
                    // already enabled (persistent data directory) or not supported: expiry is best effort in AWS too
                    LOG.debug("TTL on {}: {}", t.tableName(), e.getMessage());
                }
            }
            out.put(t.logicalId(), dynamoDb.describeTable(b -> b.tableName(t.tableName())).table());
        }
        return out;
    }

    private static List<KeySchemaElement> keys(List<Specs.KeyElement> keys) {
        return keys.stream().map(k -> KeySchemaElement.builder().attributeName(k.attribute()).keyType(k.keyType()).build()).toList();
    }

    private static Projection projection(Specs.Index i) {
        var p = Projection.builder().projectionType(i.projectionType());
        if (!i.nonKeyAttributes().isEmpty()) {
            p.nonKeyAttributes(i.nonKeyAttributes());
        }
        return p.build();
    }

    private void createQueues() {
        // dead-letter queues first: a redrive policy names an existing queue's ARN
        List<Specs.Queue> ordered = new ArrayList<>();
        model.queues().values().stream().filter(q -> q.deadLetterQueueLogicalId() == null).forEach(ordered::add);
        model.queues().values().stream().filter(q -> q.deadLetterQueueLogicalId() != null).forEach(ordered::add);
        Map<String, String> arns = new LinkedHashMap<>();
        for (Specs.Queue q : ordered) {
            Map<String, String> attributes = new LinkedHashMap<>(q.attributes());
            if (q.deadLetterQueueLogicalId() != null) {
                attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + arns.get(q.deadLetterQueueLogicalId())
                        + "\",\"maxReceiveCount\":\"" + q.maxReceiveCount() + "\"}");
            }
            try {
                String url = sqs.createQueue(b -> b.queueName(q.queueName()).attributesWithStrings(attributes)).queueUrl();
                queueUrls.put(q.logicalId(), url);
                arns.put(q.logicalId(), sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes().get(QueueAttributeName.QUEUE_ARN));
            } catch (RuntimeException e) {
                throw new IllegalStateException(q.logicalId() + " (AWS::SQS::Queue): ElasticMQ refused the queue: " + e.getMessage(), e);
            }
        }
    }

    private void createFunctions(LocalOptions options) {
        Map<String, CompletableFuture<LocalFunction>> futures = new LinkedHashMap<>();
        for (Specs.Function f : model.functions().values()) {
            Map<String, String> env = new LinkedHashMap<>(f.environment());
            env.put("AWS_REGION", model.region());
            env.put("AWS_DEFAULT_REGION", model.region());
            env.put("AWS_LAMBDA_FUNCTION_NAME", f.functionName());
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
            env.put("AWS_EMF_ENVIRONMENT", "Local");
            env.put("DYNAMODB_ENDPOINT", model.endpoints().dynamoDb());
            env.put("EVENTBRIDGE_ENDPOINT", model.endpoints().events());
            futures.put(f.logicalId(), CompletableFuture.supplyAsync(
                    () -> LocalFunction.create(f, model.functionArn(f.logicalId()), env, invokers,
                            options.concurrencyOf(f.reservedConcurrency()))));
        }
        List<String> problems = new ArrayList<>();
        futures.forEach((id, future) -> {
            try {
                functions.put(id, future.join());
            } catch (CompletionException e) {
                problems.add(e.getCause().getMessage());
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("functions cannot be constructed:\n  - " + String.join("\n  - ", problems));
        }
    }

    // ------------------------------------------------------------------ API for tests and the CLI

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

    public URI dynamoDbEndpoint() {
        return dynamo.endpoint();
    }

    public URI sqsEndpoint() {
        return elasticMq.endpoint();
    }

    public URI eventBridgeEndpoint() {
        return URI.create(eventsEndpoint.url());
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
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
    public java.util.Optional<dev.meridian.local.chaos.FaultInjector> chaos() {
        return java.util.Optional.ofNullable(chaos);
    }

    /** Prints where everything listens and what runs. */
    public void printBanner(PrintStream out) {
        out.println("meridian local: stack " + model.stackName() + " (" + model.region() + ")");
        out.println("  HTTP API         " + baseUrl());
        for (Specs.Route r : model.routes()) {
            out.println("    " + pad(r.routeKey(), 36) + " -> " + r.functionLogicalId() + (r.authorizer() == null ? "  (public)" : "  (JWT " + r.authorizer() + ")"));
        }
        out.println("  JWT issuer       " + issuerUrl() + "  (JWKS " + issuerUrl() + "/.well-known/jwks.json, audience " + StackModel.LOCAL_CLIENT_ID + ")");
        out.println("  DynamoDB         " + dynamoDbEndpoint() + "  tables: " + String.join(", ", model.tables().values().stream().map(Specs.Table::tableName).toList()));
        out.println("  SQS (ElasticMQ)  " + sqsEndpoint() + "  queues: " + String.join(", ", model.queues().values().stream().map(Specs.Queue::queueName).toList()));
        out.println("  EventBridge      " + eventBridgeEndpoint() + "  rules: " + String.join(", ", model.rules().stream().map(Specs.Rule::logicalId).toList()));
        sqsMappings.forEach(m -> {
            Specs.SqsSource s = m.source();
            out.println("  SQS mapping      " + s.queueLogicalId() + " -> " + s.functionLogicalId()
                    + " (batch " + s.batchSize() + ", window " + s.batchingWindowSeconds() + " s" + (s.reportBatchItemFailures() ? ", partial failures" : "")
                    + ", " + m.concurrentBatches() + " concurrent batches)");
        });
        model.streamSources().forEach(s -> out.println("  stream mapping   " + s.tableLogicalId() + " -> " + s.functionLogicalId()
                + " (" + s.startingPosition() + ", batch " + s.batchSize() + (s.filterPatterns().isEmpty() ? "" : ", filter " + String.join(" | ", s.filterPatterns())) + ")"));
        model.schedules().forEach(s -> out.println("  schedule         " + s.expression() + " -> " + s.functionLogicalId()
                + (s.rate() == null ? " (disabled)" : "") + "  (now: POST " + baseUrl() + "/_local/schedules/" + s.functionLogicalId() + ")"));
        model.notEmulated().forEach(n -> out.println("  not emulated locally: " + n));
        model.notices().forEach(n -> out.println("  note: " + n));
        if (chaos != null) {
            out.println("  CHAOS            " + chaos.spec().toFlag() + " (seed " + chaos.spec().seed() + "; counts: GET " + baseUrl() + "/_local/chaos)");
        }
        out.println("ready in " + startupTime.toMillis() + " ms (" + startupPhases + ")");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
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
            dev.meridian.local.chaos.ChaosInterceptor.installed().unregister(chaosEndpoints);
        }
        for (AutoCloseable c : closeables) {
            quietly(c);
        }
        invokers.shutdownNow();
        httpThreads.shutdownNow();
        eventsThreads.shutdownNow();
        quietly(dynamoDb);
        quietly(streams);
        quietly(sqs);
        quietly(elasticMq);
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

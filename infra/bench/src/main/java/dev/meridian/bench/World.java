package dev.meridian.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.contracts.inventory.InventoryReserved;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.contracts.payments.PaymentCaptured;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.readmodels.inventory.ProductPrices;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.inventory.handlers.InventoryEventsHandler;
import dev.meridian.inventory.handlers.ProductsApiHandler;
import dev.meridian.orders.handlers.OrderEventsHandler;
import dev.meridian.orders.handlers.OrdersApiHandler;
import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.testkit.TemplateTables;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmark runs against: DynamoDB Local in this JVM with every table the
 * template declares, an EventBridge stub, and a seeded state in which every fixture is
 * repeatable (reads, or no-op saga steps), so warm loops measure the same work each time.
 */
final class World implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String SKU = "bench-sku-1";
    static final String CUSTOMER = "bench-customer";
    /** An order inventory has released (a tombstone): OrderCancelled for it is a one-read no-op. */
    static final String RELEASED_ORDER_ID = "ord-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    final DynamoDbEngine dynamo;
    final StubEventBridge eventBridge;
    final Map<String, String> functionEnv;
    final CallCounter calls = new CallCounter();
    String orderId;
    private DomainEvent outboxEvent;
    private software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry outboxEntry;

    private World(DynamoDbEngine dynamo, StubEventBridge eventBridge) {
        this.dynamo = dynamo;
        this.eventBridge = eventBridge;
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("ORDERS_TABLE", "orders");
        env.put("INVENTORY_TABLE", "inventory");
        env.put("PAYMENTS_TABLE", "payments");
        env.put("SANDBOX_LEDGER_TABLE", "sandbox-ledger");
        env.put("IDEMPOTENCY_TABLE", "idempotency");
        env.put("LOCKS_TABLE", "locks");
        env.put("OUTBOX_TABLE", "outbox");
        env.put("EVENT_BUS_NAME", "meridian-bench");
        env.put("RESERVATION_TTL_SECONDS", "900");
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
        env.put("EVENTBRIDGE_ENDPOINT", eventBridge.endpoint().toString());
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        this.functionEnv = Map.copyOf(env);
    }

    static World start() {
        DynamoDbEngine dynamo = DynamoDbEngine.builder().build().start();
        World world = new World(dynamo, StubEventBridge.start());
        AwsClients.addInterceptorForNewClients(world.calls);
        world.createTables();
        world.seed();
        return world;
    }

    Environment env() {
        return Environment.of(functionEnv);
    }

    /** The environment of a child JVM: the function's, plus credentials as Lambda sets them. */
    Map<String, String> childEnv(boolean snapStart) {
        Map<String, String> env = new LinkedHashMap<>(functionEnv);
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.put("BENCH_SKU", SKU);
        // the plain baseline loads nothing of Meridian's: it gets the product key's partition from here
        env.put("BENCH_PRODUCT_PK", ProductPrices.partition(SKU).s());
        env.put("BENCH_PRODUCT_SK", ProductPrices.PRODUCT_ITEM);
        if (snapStart) {
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        }
        return env;
    }

    /** Tables are created through a client of its own with generous timeouts: DynamoDB Local's first calls are slow on a loaded machine. */
    private void createTables() {
        var ddb = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(dynamo.endpoint()).region(software.amazon.awssdk.regions.Region.of(REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
                        .socketTimeout(java.time.Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.apiCallTimeout(java.time.Duration.ofSeconds(120)))
                .build();
        TemplateTables.create(ddb, "OrdersTable", "orders");
        TemplateTables.create(ddb, "InventoryTable", "inventory");
        TemplateTables.create(ddb, "PaymentsTable", "payments");
        TemplateTables.create(ddb, "SandboxLedgerTable", "sandbox-ledger");
        TemplateTables.create(ddb, "IdempotencyTable", "idempotency");
        TemplateTables.create(ddb, "LocksTable", "locks");
        TemplateTables.create(ddb, "OutboxTable", "outbox");
        // first reads of each table, still with the patient client
        for (String table : java.util.List.of("orders", "inventory", "idempotency", "outbox")) {
            ddb.scan(b -> b.tableName(table).limit(1));
        }
        ddb.close();
    }

    /** A product with stock, a confirmed order, a released reservation: through the handlers themselves. */
    private void seed() {
        Environment env = env();
        var products = new ProductsApiHandler(env);
        expectStatus(invoke(products, SyntheticEvents.httpApi("PUT", "PUT /products/{sku}", "/products/" + SKU, Map.of("sku", SKU),
                "{\"name\":\"Bench widget\",\"price\":1299,\"currency\":\"EUR\"}", "bench-admin", "[admin]")), "put product");
        expectStatus(invoke(products, SyntheticEvents.httpApi("POST", "POST /products/{sku}/restock", "/products/" + SKU + "/restock",
                Map.of("sku", SKU), "{\"quantity\":1000000}", "bench-admin", "[admin]")), "restock");
        JsonNode placed = invoke(new OrdersApiHandler(env), SyntheticEvents.httpApi("POST", "POST /orders", "/orders", Map.of(),
                "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"payment\":{\"token\":\"tok_bench\"}}", CUSTOMER, null));
        expectStatus(placed, "place order");
        orderId = Json.parseTrusted(placed.path("body").asText()).path("orderId").asText();
        expectNoFailures(invoke(new OrderEventsHandler(env), paymentCaptured()), "confirm order");
        expectNoFailures(invoke(new dev.meridian.payments.handlers.PaymentEventsHandler(env), inventoryReserved()), "capture payment");
        expectNoFailures(invoke(new InventoryEventsHandler(env), orderCancelled()), "release reservation");
    }

    static final java.util.List<String> TABLES = java.util.List.of("orders", "inventory", "payments", "sandbox-ledger",
            "idempotency", "locks", "outbox");

    /** Item count of every table (a scan: the bench's tables are small). */
    Map<String, Integer> itemCounts() {
        var ddb = AwsClients.dynamoDb(env());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            int n = 0;
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
            do {
                var startKey = start;
                var page = ddb.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(startKey));
                n += page.count();
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            counts.put(table, n);
        }
        return counts;
    }

    /**
     * Builds every target's handler as a SnapStart initialisation would and runs the
     * registered primers in process; returns what changed: tables whose item count moved
     * and events published to the bus (an empty result means no side effects).
     */
    java.util.List<String> primingSideEffects(java.util.List<Targets.Target> targets) {
        Map<String, String> snap = new LinkedHashMap<>(functionEnv);
        snap.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        Map<String, Integer> before = itemCounts();
        long eventsBefore = eventBridge.entries();
        for (Targets.Target t : targets) {
            WarmBench.construct(t.handlerClass(), Environment.of(snap));
        }
        java.util.List<String> failed = dev.meridian.common.lambda.Priming.runRegistered();
        Map<String, Integer> after = itemCounts();
        java.util.List<String> effects = new java.util.ArrayList<>();
        before.forEach((table, n) -> {
            if (!after.get(table).equals(n)) {
                effects.add(table + ": " + n + " -> " + after.get(table) + " items");
            }
        });
        if (eventBridge.entries() != eventsBefore) {
            effects.add((eventBridge.entries() - eventsBefore) + " events put on the bus");
        }
        failed.forEach(name -> effects.add("primer " + name + " failed"));
        return effects;
    }

    // ---- fixtures (each repeatable against the seeded state) ----

    byte[] getProduct() {
        return SyntheticEvents.httpApi("GET", "GET /products/{sku}", "/products/" + SKU, Map.of("sku", SKU), null, CUSTOMER, null);
    }

    byte[] getOrder() {
        return SyntheticEvents.httpApi("GET", "GET /orders/{orderId}", "/orders/" + orderId, Map.of("orderId", orderId), null, CUSTOMER, null);
    }

    /** PaymentCaptured for an order already CONFIRMED: read, read, no transition. */
    byte[] paymentCaptured() {
        return SyntheticEvents.sqs(new PaymentCaptured(orderId, 1299, "EUR", "ch_bench").toEvent(REGION, null, Clock.systemUTC()),
                "OrdersQueue");
    }

    /** InventoryReserved for an order already charged: the claim finds the captured payment, nothing else. */
    byte[] inventoryReserved() {
        return SyntheticEvents.sqs(new InventoryReserved(orderId, List.of(new Line(SKU, 1)), Instant.parse("2099-01-01T00:00:00Z"))
                .toEvent(REGION, null, Clock.systemUTC()), "PaymentsQueue");
    }

    /** OrderCancelled for a reservation already released: one read, nothing to do. */
    byte[] orderCancelled() {
        return SyntheticEvents.sqs(new OrderCancelled(RELEASED_ORDER_ID, CUSTOMER, List.of(new Line(SKU, 1)), "CUSTOMER_CANCELLED",
                "PENDING").toEvent(REGION, null, Clock.systemUTC()), "InventoryQueue");
    }

    byte[] schedule() {
        return SyntheticEvents.scheduled(REGION);
    }

    /** An outbox INSERT of this region's event: one PutEvents of one entry. */
    byte[] outboxInsert() {
        return SyntheticEvents.outboxInsert(outboxEvent(), REGION);
    }

    DomainEvent outboxEvent() {
        if (outboxEvent == null) {
            outboxEvent = DomainEvent.createDeterministic("meridian.orders", "OrderConfirmed", REGION, orderId, null,
                    new OrderConfirmed(orderId, CUSTOMER, List.of(new Line(SKU, 1))).toData(), Clock.systemUTC(), "bench-outbox");
        }
        return outboxEvent;
    }

    /** The PutEvents entry the outbox fixture makes the publisher send (built once: the raw call is only the SDK call). */
    software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry outboxEntry() {
        if (outboxEntry == null) {
            DomainEvent event = outboxEvent();
            outboxEntry = software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry.builder()
                    .eventBusName(functionEnv.get("EVENT_BUS_NAME")).source(event.source()).detailType(event.detailType())
                    .detail(event.detailJson()).time(event.envelope().occurredAt()).build();
        }
        return outboxEntry;
    }

    // ---- helpers ----

    static JsonNode invoke(RequestStreamHandler handler, byte[] event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), out, ColdStartProbe.ProbeContext.INSTANCE);
            return Json.parseTrusted(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void expectStatus(JsonNode response, String what) {
        int status = response.path("statusCode").asInt(0);
        if (status < 200 || status >= 300) {
            throw new IllegalStateException("seeding failed at '" + what + "': " + response);
        }
    }

    static void expectNoFailures(JsonNode response, String what) {
        if (!response.path("batchItemFailures").isEmpty()) {
            throw new IllegalStateException("seeding failed at '" + what + "': " + response);
        }
    }

    @Override
    public void close() {
        eventBridge.close();
        dynamo.close();
    }
}

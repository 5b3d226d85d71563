package dev.meridian.inventory.support;

import dev.meridian.testkit.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.json.Json;
import dev.meridian.common.testing.TableSnapshots;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.inventory.adapters.DynamoInventoryRepository;
import dev.meridian.inventory.app.InventoryService;
import dev.meridian.inventory.domain.Product;
import dev.meridian.inventory.domain.Reservation;
import dev.meridian.inventory.domain.Stock;
import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.EventContracts;
import dev.meridian.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory service wired to its own, uniquely named tables on DynamoDB Local
 * (inventory, outbox, idempotency), with a hand-moved clock, plus read-only views of
 * what was written.
 */
public final class InventoryHarness {

    public static final Duration RESERVATION_TTL = Duration.ofMinutes(15);

    public final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    /** Starts at the real time: DynamoDB Local enforces TTL, and lock items carry one derived from this clock. */
    public final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    public final String inventoryTable;
    public final String outboxTable;
    public final String idempotencyTable;
    public final DynamoInventoryRepository repository;
    public final InventoryService service;
    public final IdempotencyStore idempotency;

    public InventoryHarness(String prefix) {
        inventoryTable = TemplateTables.create(dynamoDb, "InventoryTable", LocalEngines.uniqueName(prefix + "-inventory"));
        outboxTable = TemplateTables.create(dynamoDb, "OutboxTable", LocalEngines.uniqueName(prefix + "-outbox"));
        idempotencyTable = TemplateTables.create(dynamoDb, "IdempotencyTable", LocalEngines.uniqueName(prefix + "-idempotency"));
        repository = new DynamoInventoryRepository(dynamoDb, inventoryTable, new Outbox(outboxTable), TestEvents.REGION, clock);
        service = new InventoryService(repository, clock, TestEvents.REGION, RESERVATION_TTL);
        idempotency = IdempotencyStore.builder().dynamoDb(dynamoDb).tableName(idempotencyTable).clock(clock).build();
    }

    /** A product with {@code quantity} units restocked in this region. */
    public void product(String sku, long quantity) {
        repository.upsert(new Product(sku, "Product " + sku, 1250, "EUR"));
        if (quantity > 0) {
            repository.restock(sku, quantity, null);
        }
    }

    public Stock stock(String sku) {
        return repository.find(sku).orElseThrow(() -> new AssertionError("no product " + sku)).stock();
    }

    public Optional<Reservation> reservation(String orderId) {
        return repository.findReservation(orderId);
    }

    /** Outbox items of one type about one order, as {@code detail} JSON; each is held to its event schema. */
    public List<JsonNode> outbox(String detailType, String orderId) {
        List<JsonNode> out = new ArrayList<>();
        for (var item : emitted()) {
            JsonNode detail = Json.parseTrusted(item.get("detail").s());
            if (item.get("detailType").s().equals(detailType) && orderId.equals(detail.path("data").path("orderId").asText())) {
                if (!"meridian.inventory".equals(item.get("source").s()) || !detail.path("region").asText().equals(item.get("region").s())) {
                    throw new AssertionError("outbox item with wrong source or region: " + item);
                }
                out.add(detail);
            }
        }
        return out;
    }

    /** Every outbox item about one order, whatever its type. */
    public List<String> outboxTypes(String orderId) {
        List<String> types = new ArrayList<>();
        for (var item : emitted()) {
            JsonNode detail = Json.parseTrusted(item.get("detail").s());
            if (orderId.equals(detail.path("data").path("orderId").asText())) {
                types.add(item.get("detailType").s());
            }
        }
        return types;
    }

    /** Every outbox item, each checked against the schema of its event type (events/schemas). */
    public List<Map<String, AttributeValue>> emitted() {
        List<Map<String, AttributeValue>> items = scan(outboxTable);
        items.forEach(EventContracts.load()::assertOutboxItemConforms);
        return items;
    }

    public List<Map<String, AttributeValue>> scan(String table) {
        return TableSnapshots.scan(dynamoDb, table);
    }

    /** Every item of the tables the service writes, in a stable order: equal snapshots prove nothing was written. */
    public String snapshot() {
        return TableSnapshots.snapshot(dynamoDb, List.of(inventoryTable, outboxTable, idempotencyTable));
    }
}

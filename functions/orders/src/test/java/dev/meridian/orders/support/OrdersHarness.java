package dev.meridian.orders.support;

import dev.meridian.testkit.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.json.Json;
import dev.meridian.common.testing.TableSnapshots;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.orders.adapters.DynamoCatalog;
import dev.meridian.orders.adapters.DynamoOrderRepository;
import dev.meridian.orders.adapters.DynamoStorageProbe;
import dev.meridian.orders.adapters.HealthApi;
import dev.meridian.orders.app.OrdersService;
import dev.meridian.orders.domain.Order;
import dev.meridian.testkit.LocalEngines;
import dev.meridian.common.readmodels.inventory.ProductPrices;
import dev.meridian.testkit.EventContracts;
import dev.meridian.testkit.TemplateTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The orders service on its own, uniquely named tables on the DynamoDB engine (orders, an
 * inventory table holding the catalog's product items, outbox, idempotency), with a
 * hand-moved clock, plus read-only views of what was written.
 */
public final class OrdersHarness {

    public final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    public final String ordersTable;
    public final String inventoryTable;
    public final String outboxTable;
    public final String idempotencyTable;
    public final DynamoOrderRepository repository;
    public final OrdersService service;
    public final IdempotencyStore idempotency;

    public OrdersHarness(String prefix) {
        ordersTable = TemplateTables.create(dynamoDb, "OrdersTable", LocalEngines.uniqueName(prefix + "-orders"));
        inventoryTable = TemplateTables.create(dynamoDb, "InventoryTable", LocalEngines.uniqueName(prefix + "-inventory"));
        outboxTable = TemplateTables.create(dynamoDb, "OutboxTable", LocalEngines.uniqueName(prefix + "-outbox"));
        idempotencyTable = TemplateTables.create(dynamoDb, "IdempotencyTable", LocalEngines.uniqueName(prefix + "-idempotency"));
        repository = new DynamoOrderRepository(dynamoDb, ordersTable, new Outbox(outboxTable));
        service = new OrdersService(repository, new DynamoCatalog(dynamoDb, inventoryTable), clock, TestEvents.REGION);
        idempotency = IdempotencyStore.builder().dynamoDb(dynamoDb).tableName(idempotencyTable).clock(clock).build();
    }

    /** GET /health of {@code region}, probing this harness's orders table. */
    public HealthApi health(String region) {
        return new HealthApi(new DynamoStorageProbe(dynamoDb, ordersTable), region);
    }

    /** A product item as the inventory service writes it: the catalog reads price and currency from it. */
    public void product(String sku, long price, String currency) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(ProductPrices.productKey(sku));
        item.putAll(Map.of(
                "sku", AttributeValue.fromS(sku),
                "name", AttributeValue.fromS("Product " + sku),
                "price", AttributeValue.fromN(Long.toString(price)),
                "currency", AttributeValue.fromS(currency)));
        dynamoDb.putItem(b -> b.tableName(inventoryTable).item(item));
    }

    public Order order(String orderId) {
        return repository.find(orderId).orElseThrow(() -> new AssertionError("no order " + orderId));
    }

    /** Outbox items of one type about one order, as {@code detail} JSON; each is held to its event schema. */
    public List<JsonNode> outbox(String detailType, String orderId) {
        List<JsonNode> out = new ArrayList<>();
        for (var item : emitted()) {
            JsonNode detail = Json.parseTrusted(item.get("detail").s());
            if (item.get("detailType").s().equals(detailType) && orderId.equals(detail.path("data").path("orderId").asText())) {
                assertThat(item.get("source").s()).isEqualTo("meridian.orders");
                out.add(detail);
            }
        }
        return out;
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertThat(String s) {
        return org.assertj.core.api.Assertions.assertThat(s);
    }

    /** The types of every outbox item about one order, in no particular order. */
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
        return TableSnapshots.snapshot(dynamoDb, List.of(ordersTable, outboxTable, idempotencyTable));
    }
}

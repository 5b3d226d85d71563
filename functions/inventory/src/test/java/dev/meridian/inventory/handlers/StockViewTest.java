package dev.meridian.inventory.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.inventory.adapters.DynamoInventoryRepository;
import dev.meridian.inventory.domain.Stock;
import dev.meridian.inventory.support.InventoryHarness;
import dev.meridian.inventory.support.StockInvariant;
import dev.meridian.inventory.support.TestEvents;
import dev.meridian.inventory.support.TestEvents.Who;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /products/{sku}/stock (admin only) and the allocation's transfer counters: two region
 * configurations over one table set stand for two replicas of the global inventory table.
 */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockViewTest {

    private static final String OTHER = "eu-west-1";
    private static final List<String> FIELDS = List.of("restocked", "available", "reserved", "sold", "sentOut", "receivedIn");

    private InventoryHarness h;
    private ProductsApiHandler home;
    private ProductsApiHandler other;
    private DynamoInventoryRepository otherRepository;

    @BeforeAll
    void createTables() {
        h = new InventoryHarness("inv-stock");
        otherRepository = new DynamoInventoryRepository(h.dynamoDb, h.inventoryTable, new Outbox(h.outboxTable), OTHER, h.clock);
        home = new ProductsApiHandler(h.repository, h.idempotency);
        other = new ProductsApiHandler(otherRepository, h.idempotency);
    }

    private static String newSku() {
        return "sku-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode stock(ProductsApiHandler handler, Who who, String sku) {
        return TestEvents.invoke(handler, TestEvents.http("GET", "GET /products/{sku}/stock", "/products/" + sku + "/stock",
                Map.of("sku", sku), who, Map.of(), null));
    }

    private static JsonNode body(JsonNode response) {
        return Json.parseTrusted(response.path("body").asText());
    }

    private static void assertAllocation(JsonNode node, Stock expected) {
        assertThat(node.properties().stream().map(Map.Entry::getKey).toList()).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(new Stock(node.path("available").asLong(), node.path("reserved").asLong(), node.path("sold").asLong(),
                node.path("restocked").asLong(), node.path("sentOut").asLong(), node.path("receivedIn").asLong())).isEqualTo(expected);
    }

    @Test
    void stock_shouldShowThisRegionsAllocationAndEveryRegionThisReplicaHolds_whenCallerIsAdmin() {
        // given: 10 restocked in us-east-1, 4 in eu-west-1 (each by its own region)
        String sku = newSku();
        h.product(sku, 10);
        otherRepository.restock(sku, 4, null);
        // when
        JsonNode atHome = stock(home, Who.admin(), sku);
        JsonNode atOther = stock(other, Who.admin(), sku);
        // then
        assertThat(atHome.path("statusCode").asInt()).as(atHome.toString()).isEqualTo(200);
        JsonNode b = body(atHome);
        assertThat(b.path("sku").asText()).isEqualTo(sku);
        assertThat(b.path("region").asText()).isEqualTo(TestEvents.REGION);
        assertAllocation(b.path("allocation"), new Stock(10, 0, 0, 10, 0, 0));
        assertThat(b.path("regions").properties().stream().map(Map.Entry::getKey).toList())
                .containsExactlyInAnyOrder(TestEvents.REGION, OTHER);
        assertAllocation(b.path("regions").path(TestEvents.REGION), new Stock(10, 0, 0, 10, 0, 0));
        assertAllocation(b.path("regions").path(OTHER), new Stock(4, 0, 0, 4, 0, 0));
        JsonNode o = body(atOther);
        assertThat(o.path("region").asText()).isEqualTo(OTHER);
        assertAllocation(o.path("allocation"), new Stock(4, 0, 0, 4, 0, 0));
        assertThat(o.path("regions").size()).isEqualTo(2);
    }

    @Test
    void stock_shouldListTheAnsweringRegionWithZeros_whenItHasNoAllocationYet() {
        // given
        String sku = newSku();
        h.product(sku, 3);
        // when
        JsonNode b = body(stock(other, Who.admin(), sku));
        // then
        assertAllocation(b.path("allocation"), Stock.NONE);
        assertAllocation(b.path("regions").path(OTHER), Stock.NONE);
        assertAllocation(b.path("regions").path(TestEvents.REGION), new Stock(3, 0, 0, 3, 0, 0));
    }

    @Test
    void stock_shouldRefuse403ForACustomer401ForAnonymousAnd404ForAnUnknownSku() {
        String sku = newSku();
        h.product(sku, 1);
        assertThat(stock(home, Who.customer(), sku).path("statusCode").asInt()).isEqualTo(403);
        assertThat(stock(home, Who.ANONYMOUS, sku).path("statusCode").asInt()).isEqualTo(401);
        assertThat(stock(home, Who.admin(), newSku()).path("statusCode").asInt()).isEqualTo(404);
        assertThat(stock(home, Who.admin(), "bad sku!").path("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void restock_shouldWriteTransferCountersAtZero_soTheIdentityHoldsOnEveryAllocation() {
        // given
        String sku = newSku();
        // when
        h.product(sku, 5);
        // then
        var item = h.dynamoDb.getItem(b -> b.tableName(h.inventoryTable).consistentRead(true)
                .key(dev.meridian.inventory.adapters.InventoryKeys.allocation(sku, TestEvents.REGION))).item();
        assertThat(item).containsEntry("sentOut", AttributeValue.fromN("0")).containsEntry("receivedIn", AttributeValue.fromN("0"));
        assertThat(StockInvariant.violations(h.dynamoDb, h.inventoryTable, sku, TestEvents.REGION)).isEmpty();
    }

    @Test
    void invariant_shouldReportBrokenConservation_whenAnAllocationCountsUnitsSentOutThatItStillHolds() {
        // given: negative control — a grant that counted sentOut without taking the units from available
        String sku = newSku();
        h.product(sku, 5);
        h.dynamoDb.updateItem(b -> b.tableName(h.inventoryTable)
                .key(dev.meridian.inventory.adapters.InventoryKeys.allocation(sku, TestEvents.REGION))
                .updateExpression("SET sentOut = :two").expressionAttributeValues(Map.of(":two", AttributeValue.fromN("2"))));
        // when
        List<String> violations = StockInvariant.violations(h.dynamoDb, h.inventoryTable, sku, TestEvents.REGION);
        // then
        assertThat(violations).anyMatch(v -> v.startsWith("conservation broken"));
        assertThat(new Stock(5, 0, 0, 5, 2, 0).conserved()).isFalse();
        assertThat(new Stock(3, 0, 0, 5, 2, 0).conserved()).isTrue();
        assertThat(new Stock(7, 0, 0, 5, 0, 2).conserved()).isTrue();
    }
}

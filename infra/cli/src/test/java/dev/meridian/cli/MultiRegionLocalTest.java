package dev.meridian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.emulator.auth.LocalIssuer;
import dev.meridian.emulator.regions.MultiRegionEmulator;
import dev.meridian.emulator.regions.MultiRegionOptions;
import dev.meridian.emulator.regions.RegionStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meridian's template in three regions in one JVM (one stack shared by the class): replication of
 * the global tables, cut, down and heal, the front door's routing and failover, one issuer.
 */
class MultiRegionLocalTest {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    private static final Duration REPLICATION = Duration.ofSeconds(15);

    private static MultiRegionEmulator stack;
    private static String admin;

    @BeforeAll
    static void start() {
        Path template = Path.of(System.getProperty("meridian.root", "../.."), "template.yaml");
        stack = MultiRegionEmulator.start(MeridianStack.options().template(template).build(),
                new MultiRegionOptions(REGIONS, 0, Duration.ofMillis(50), Duration.ofMillis(20), MeridianStack::regionParameters));
        admin = "Bearer " + stack.region("us-east-1").mintToken("mr-admin", true);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Every test leaves every region up, whatever it did. */
    @AfterEach
    void healAll() {
        REGIONS.forEach(r -> stack.control().heal(r));
    }

    private static String url(String region) {
        return stack.region(region).baseUrl();
    }

    private static String newProduct(String region) {
        String sku = "MR-" + UUID.randomUUID().toString().substring(0, 8);
        var put = Http.put(url(region) + "/products/" + sku, Map.of("name", "Multi-region " + sku, "price", 900, "currency", "EUR"),
                "Authorization", admin);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        return sku;
    }

    private static boolean visible(String region, String sku) {
        return Http.get(url(region) + "/products/" + sku).status() == 200;
    }

    @Test
    void cancel_answeredByAnotherRegion_shouldBe202_andAppliedByTheHomeRegion() {
        // given: an order placed (and confirmed) in us-east-1, stock restocked there
        String sku = newProduct("us-east-1");
        assertThat(Http.post(url("us-east-1") + "/products/" + sku + "/restock", Map.of("quantity", 5), "Authorization", admin).status())
                .isEqualTo(200);
        String alice = "Bearer " + stack.region("us-east-1").mintToken("mr-alice", false);
        var placed = Http.post(url("us-east-1") + "/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                "payment", Map.of("token", "tok_ok")), "Authorization", alice, "Idempotency-Key", "mr-cancel-" + sku);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        String orderId = placed.json().path("orderId").asText();
        assertThat(Http.eventually(REPLICATION, () -> "CONFIRMED".equals(status("us-east-1", orderId, alice)))).isTrue();
        // the order replicates to eu-west-1, where it is readable with its home region
        assertThat(Http.eventually(REPLICATION, () -> "CONFIRMED".equals(status("eu-west-1", orderId, alice)))).isTrue();
        assertThat(Http.get(url("eu-west-1") + "/orders/" + orderId, "Authorization", alice).json().path("homeRegion").asText())
                .isEqualTo("us-east-1");

        // when: the customer cancels through eu-west-1
        var cancel = Http.post(url("eu-west-1") + "/orders/" + orderId + "/cancel", null, "Authorization", alice);

        // then: accepted there, applied by the home region, and the result replicates back
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        assertThat(Http.eventually(REPLICATION, () -> "CANCELLED".equals(status("us-east-1", orderId, alice))))
                .as("the home region applied the remote cancel").isTrue();
        assertThat(Http.eventually(REPLICATION, () -> "CANCELLED".equals(status("eu-west-1", orderId, alice)))).isTrue();
        assertThat(Http.eventually(REPLICATION, () -> Http.get(url("us-east-1") + "/_local/converged").json().path("converged").asBoolean())).isTrue();
    }

    @Test
    void health_shouldBe200InEveryRegion_namingIt() {
        for (String region : REGIONS) {
            var health = Http.get(url(region) + "/health");
            assertThat(health.status()).as(region).isEqualTo(200);
            assertThat(health.json().path("region").asText()).isEqualTo(region);
        }
    }

    private static String status(String region, String orderId, String token) {
        var r = Http.get(url(region) + "/orders/" + orderId, "Authorization", token);
        return r.status() == 200 ? r.json().path("status").asText() : "HTTP " + r.status();
    }

    @Test
    void regions_shouldListEveryRegionUpOnItsOwnPort_onEveryRegionsPort() {
        for (RegionStack each : stack.regions()) {
            var response = Http.get(each.baseUrl() + "/_local/regions");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            List<String> seen = new ArrayList<>();
            for (JsonNode r : response.json()) {
                seen.add(r.path("region").asText());
                assertThat(r.path("state").asText()).isEqualTo("up");
                assertThat(r.path("port").asInt()).isEqualTo(stack.region(r.path("region").asText()).port());
            }
            assertThat(seen).containsExactlyElementsOf(REGIONS);
        }
        assertThat(stack.regions().stream().map(RegionStack::port).distinct()).hasSize(3);
    }

    @Test
    void product_writtenInOneRegion_shouldBeReadableInTheOthersAfterReplication() {
        String sku = newProduct("us-east-1");
        assertThat(Http.eventually(REPLICATION, () -> visible("eu-west-1", sku) && visible("ap-southeast-2", sku))).isTrue();
        JsonNode inSydney = Http.get(url("ap-southeast-2") + "/products/" + sku).json();
        assertThat(inSydney.path("name").asText()).isEqualTo("Multi-region " + sku);
        // negative control: a sku nobody wrote is in no region
        assertThat(visible("ap-southeast-2", "MR-never-written")).isFalse();
    }

    @Test
    void cut_shouldHoldBackReplicationToAndFromTheRegionUntilHeal_whileItKeepsServing() {
        var cut = Http.post(url("eu-west-1") + "/_local/regions/ap-southeast-2/cut", null);
        assertThat(cut.status()).as(cut.toString()).isEqualTo(200);
        assertThat(cut.json().path("state").asText()).isEqualTo("cut");
        assertThat(stateOf("ap-southeast-2")).isEqualTo("cut");

        String fromVirginia = newProduct("us-east-1");
        String fromSydney = newProduct("ap-southeast-2"); // the cut region serves its own clients
        assertThat(Http.eventually(REPLICATION, () -> visible("eu-west-1", fromVirginia))).isTrue();
        // Ireland has Virginia's write: Sydney's replication would have had time too, but is held back, both ways
        assertThat(visible("ap-southeast-2", fromVirginia)).isFalse();
        assertThat(visible("us-east-1", fromSydney)).isFalse();
        assertThat(visible("ap-southeast-2", fromSydney)).isTrue();
        assertThat(Http.get(url("us-east-1") + "/_local/converged").json().path("converged").asBoolean()).isFalse();

        var heal = Http.post(url("us-east-1") + "/_local/regions/ap-southeast-2/heal", null);
        assertThat(heal.status()).as(heal.toString()).isEqualTo(200);
        assertThat(Http.eventually(REPLICATION, () -> visible("ap-southeast-2", fromVirginia) && visible("us-east-1", fromSydney)
                && visible("eu-west-1", fromSydney))).isTrue();
        assertThat(Http.eventually(REPLICATION, () -> Http.get(url("eu-west-1") + "/_local/converged").json().path("converged").asBoolean()))
                .as(() -> Http.get(url("eu-west-1") + "/_local/converged").body()).isTrue();
        assertThat(Http.get(url("eu-west-1") + "/_local/converged").json().path("differences")).isEmpty();
    }

    @Test
    void down_shouldAnswer503OnEveryApiRoute_butStillServeLocalRoutes_untilHeal() {
        String sku = newProduct("eu-west-1");
        assertThat(Http.get(url("eu-west-1") + "/products/" + sku).status()).isEqualTo(200); // negative control
        assertThat(Http.eventually(REPLICATION, () -> visible("us-east-1", sku))).isTrue(); // before down cuts replication

        assertThat(Http.post(url("us-east-1") + "/_local/regions/eu-west-1/down", null).status()).isEqualTo(200);
        assertThat(Http.get(url("eu-west-1") + "/products/" + sku).status()).isEqualTo(503);
        assertThat(Http.put(url("eu-west-1") + "/products/" + sku, Map.of("name", "x", "price", 1, "currency", "EUR"),
                "Authorization", admin).status()).isEqualTo(503);
        assertThat(Http.get(url("eu-west-1") + "/_local/regions").status()).isEqualTo(200);
        assertThat(stateOf("eu-west-1")).isEqualTo("down");
        assertThat(Http.get(url("us-east-1") + "/products/" + sku).status()).isEqualTo(200); // the others serve on

        assertThat(Http.post(url("eu-west-1") + "/_local/regions/eu-west-1/heal", null).status()).isEqualTo(200);
        assertThat(Http.get(url("eu-west-1") + "/products/" + sku).status()).isEqualTo(200);
        assertThat(stateOf("eu-west-1")).isEqualTo("up");
    }

    @Test
    void frontDoor_shouldRouteByHeader_failOverWhenTheRegionIsDown_andComeBackAfterHeal() {
        String sku = newProduct("us-east-1");
        assertThat(Http.eventually(REPLICATION, () -> visible("eu-west-1", sku) && visible("ap-southeast-2", sku))).isTrue();
        String door = stack.frontDoorUrl();
        for (String region : REGIONS) {
            // a region an earlier test healed is back at the front door within its next health polls
            assertThat(Http.eventually(Duration.ofSeconds(30), () -> region.equals(
                    Http.get(door + "/products/" + sku, "X-Meridian-Region", region).header("X-Meridian-Served-By")))).as(region).isTrue();
            var response = Http.get(door + "/products/" + sku, "X-Meridian-Region", region);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(response.json().path("name").asText()).isEqualTo("Multi-region " + sku);
        }
        assertThat(Http.get(door + "/products/" + sku).header("X-Meridian-Served-By")).isEqualTo("us-east-1");

        stack.control().down("eu-west-1");
        // within the 5 s the contract allows (the front door polls every second); generous for a loaded machine
        assertThat(Http.eventually(Duration.ofSeconds(10), () -> "ap-southeast-2".equals(
                Http.get(door + "/products/" + sku, "X-Meridian-Region", "eu-west-1").header("X-Meridian-Served-By")))).isTrue();
        var failedOver = Http.get(door + "/products/" + sku, "X-Meridian-Region", "eu-west-1");
        assertThat(failedOver.status()).isEqualTo(200);

        stack.control().down("us-east-1");
        assertThat(Http.eventually(Duration.ofSeconds(10), () -> "ap-southeast-2".equals(
                Http.get(door + "/products/" + sku).header("X-Meridian-Served-By")))).isTrue();

        stack.control().heal("eu-west-1");
        stack.control().heal("us-east-1");
        assertThat(Http.eventually(Duration.ofSeconds(30), () -> "eu-west-1".equals(
                Http.get(door + "/products/" + sku, "X-Meridian-Region", "eu-west-1").header("X-Meridian-Served-By")))).isTrue();
        assertThat(Http.eventually(Duration.ofSeconds(30), () -> "us-east-1".equals(
                Http.get(door + "/products/" + sku).header("X-Meridian-Served-By")))).isTrue();
    }

    @Test
    void frontDoor_shouldNotForwardLocalRoutes_andRefuseAnUnknownRegion() {
        var local = Http.get(stack.frontDoorUrl() + "/_local/regions");
        assertThat(local.status()).isEqualTo(404);
        assertThat(local.json().path("message").asText()).contains("does not forward /_local/*");
        var unknown = Http.get(stack.frontDoorUrl() + "/products/x", "X-Meridian-Region", "mars-north-1");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("message").asText()).contains("mars-north-1").contains("us-east-1");
    }

    @Test
    void replication_shouldReportEveryGlobalTableByItsLogicalId() {
        newProduct("eu-west-1");
        JsonNode replication = Http.get(url("ap-southeast-2") + "/_local/replication").json();
        assertThat(replication.has("InventoryTable")).as(replication.toString()).isTrue();
        assertThat(replication.has("OrdersTable")).isTrue();
        JsonNode inventory = replication.path("InventoryTable");
        assertThat(inventory.path("tableName").asText()).isEqualTo(stack.region("us-east-1").tableName("InventoryTable"));
        for (String field : List.of("pending", "lagP50Ms", "lagMaxMs", "lwwConflicts")) {
            assertThat(inventory.path(field).isNumber()).as(field + " in " + inventory).isTrue();
        }
        assertThat(replication.has(stack.region("us-east-1").tableName("InventoryTable"))).isFalse(); // not by physical name
    }

    @Test
    void token_mintedByAnyRegion_shouldBeValidInEveryRegion_andAForeignKeyInNone() {
        var minted = Http.post(url("ap-southeast-2") + "/_local/token", Map.of("user", "mr-ops", "admin", true));
        assertThat(minted.status()).isEqualTo(200);
        String token = "Bearer " + minted.json().path("token").asText();
        LocalIssuer foreign = LocalIssuer.create(stack.region("us-east-1").issuerUrl(), stack.region("us-east-1").issuer().audience(),
                LocalIssuer.keyMaterial(null), Clock.systemUTC());
        String forged = "Bearer " + foreign.mint("mr-ops", true, 600);
        for (String region : REGIONS) {
            String sku = "MR-" + UUID.randomUUID().toString().substring(0, 8);
            var ok = Http.put(url(region) + "/products/" + sku, Map.of("name", "t", "price", 1, "currency", "EUR"), "Authorization", token);
            assertThat(ok.status()).as(region + " " + ok).isEqualTo(201);
            var refused = Http.put(url(region) + "/products/" + sku, Map.of("name", "t", "price", 1, "currency", "EUR"), "Authorization", forged);
            assertThat(refused.status()).as(region + " " + refused).isEqualTo(401);
        }
    }

    @Test
    void regionRoutes_shouldRefuseAnUnknownRegionOrAction_andChangeNothing() {
        var unknown = Http.post(url("us-east-1") + "/_local/regions/mars-north-1/cut", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).contains("mars-north-1").contains("eu-west-1");
        var action = Http.post(url("us-east-1") + "/_local/regions/eu-west-1/explode", null);
        assertThat(action.status()).isEqualTo(404);
        assertThat(action.json().path("message").asText()).contains("explode");
        REGIONS.forEach(r -> assertThat(stateOf(r)).isEqualTo("up"));
    }

    @Test
    void regionCommand_shouldCutAndHealThroughTheLocalRoutes() {
        String port = Integer.toString(stack.region("eu-west-1").port());
        assertThat(Main.run(new String[]{"region", "cut", "us-east-1", "--port", port})).isEqualTo(0);
        assertThat(stateOf("us-east-1")).isEqualTo("cut");
        assertThat(Main.run(new String[]{"region", "heal", "us-east-1", "--port", port})).isEqualTo(0);
        assertThat(stateOf("us-east-1")).isEqualTo("up");
        assertThat(Main.run(new String[]{"region", "down", "us-east-1", "--for", "1", "--port", port})).isEqualTo(0);
        assertThat(stateOf("us-east-1")).isEqualTo("up"); // healed after the second it was down for
        assertThat(Main.run(new String[]{"region", "cut", "nowhere-1", "--port", port})).isEqualTo(1);
        assertThat(Main.run(new String[]{"region", "heal", "us-east-1", "--for", "5", "--port", port})).isEqualTo(2);
    }

    private static String stateOf(String region) {
        for (JsonNode r : Http.get(url("us-east-1") + "/_local/regions").json()) {
            if (r.path("region").asText().equals(region)) {
                return r.path("state").asText();
            }
        }
        throw new AssertionError("no region " + region);
    }
}

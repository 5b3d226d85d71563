package dev.meridian.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the template × every kind of caller, over real HTTP against the local
 * runtime running template.yaml, with the exact status each must get:
 * product reads are public; order routes need a signed-in customer and show each customer
 * only their own orders (another customer's order is 404, not 403); product writes and
 * restocks need the {@code admin} group (403 for other signed-in users); every forged,
 * expired or misaddressed token is 401 on a protected route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    enum Principal { ANONYMOUS, CUSTOMER, OTHER_CUSTOMER, ADMIN, EXPIRED, BAD_SIGNATURE, ALG_NONE, WRONG_AUDIENCE }

    enum Route {
        LIST_PRODUCTS, GET_PRODUCT, PUT_PRODUCT, RESTOCK_PRODUCT, PRODUCT_STOCK, PLACE_ORDER, LIST_ORDERS, GET_ORDER, CANCEL_ORDER, HEALTH
    }

    private static final String ALICE = "alice-sec";
    private static final String BOB = "bob-sec";
    private static final String ADMIN = "ops-sec";

    private Emulator stack;
    private Tokens tokens;
    private String sku;
    private String aliceOrder;

    @BeforeAll
    void start() {
        stack = SecurityStack.get();
        tokens = new Tokens(stack);
        sku = SecurityStack.product(400, 1_000);
        aliceOrder = SecurityStack.settledOrder(SecurityStack.as(tokens.valid(ALICE, false)), sku, "tok_ok");
    }

    /** The Authorization header each principal sends (null: none). */
    private String authorization(Principal p) {
        return switch (p) {
            case ANONYMOUS -> null;
            case CUSTOMER -> "Bearer " + tokens.valid(ALICE, false);
            case OTHER_CUSTOMER -> "Bearer " + tokens.valid(BOB, false);
            case ADMIN -> "Bearer " + tokens.valid(ADMIN, true);
            case EXPIRED -> "Bearer " + tokens.expired(ADMIN, true);
            case BAD_SIGNATURE -> "Bearer " + tokens.badSignature(ADMIN, true);
            case ALG_NONE -> "Bearer " + tokens.algNone(ADMIN, true);
            case WRONG_AUDIENCE -> "Bearer " + tokens.wrongAudience(ADMIN, true);
        };
    }

    private static final Map<Route, Function<Principal, Integer>> EXPECTED = Map.of(
            Route.LIST_PRODUCTS, p -> 200,   // public: API Gateway does not look at a token on an Authorizer: NONE route
            Route.GET_PRODUCT, p -> 200,
            Route.PUT_PRODUCT, p -> switch (p) {
                case ADMIN -> 200;
                case CUSTOMER, OTHER_CUSTOMER -> 403;
                default -> 401;
            },
            Route.RESTOCK_PRODUCT, p -> switch (p) {
                case ADMIN -> 200;
                case CUSTOMER, OTHER_CUSTOMER -> 403;
                default -> 401;
            },
            // every region's allocations: admins only
            Route.PRODUCT_STOCK, p -> switch (p) {
                case ADMIN -> 200;
                case CUSTOMER, OTHER_CUSTOMER -> 403;
                default -> 401;
            },
            Route.HEALTH, p -> 200,   // public: the health checks carry no token
            Route.PLACE_ORDER, p -> switch (p) {
                case CUSTOMER, OTHER_CUSTOMER, ADMIN -> 202;
                default -> 401;
            },
            Route.LIST_ORDERS, p -> switch (p) {
                case CUSTOMER, OTHER_CUSTOMER, ADMIN -> 200;
                default -> 401;
            },
            // alice's order: hers alone; for anyone else it does not exist (admins included: no admin override on orders)
            Route.GET_ORDER, p -> switch (p) {
                case CUSTOMER -> 200;
                case OTHER_CUSTOMER, ADMIN -> 404;
                default -> 401;
            },
            Route.CANCEL_ORDER, p -> switch (p) {
                case CUSTOMER -> 200;
                case OTHER_CUSTOMER, ADMIN -> 404;
                default -> 401;
            });

    Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Route r : Route.values()) {
            for (Principal p : Principal.values()) {
                cells.add(Arguments.of(r, p, EXPECTED.get(r).apply(p)));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @MethodSource("cells")
    void route_shouldAnswerExactStatus_forEachKindOfCaller(Route route, Principal principal, int expected) {
        // given
        LocalApi api = SecurityStack.anonymous();
        String auth = authorization(principal);
        if (auth != null) {
            api = api.header("Authorization", auth);
        }
        String orderId = aliceOrder;
        if (route == Route.CANCEL_ORDER && principal == Principal.CUSTOMER) {
            // the one cell that succeeds changes its order: give it its own
            orderId = SecurityStack.settledOrder(SecurityStack.as(tokens.valid(ALICE, false)), sku, "tok_ok");
        }
        JsonNode productBefore = SecurityStack.anonymous().get("/products/" + sku).json();
        // when
        LocalApi.Response response = switch (route) {
            case LIST_PRODUCTS -> api.get("/products");
            case GET_PRODUCT -> api.get("/products/" + sku);
            case PUT_PRODUCT -> api.put("/products/" + sku, Map.of("name", "Security test " + sku, "price", 400, "currency", "EUR"));
            case RESTOCK_PRODUCT -> api.post("/products/" + sku + "/restock", Map.of("quantity", 1));
            case PRODUCT_STOCK -> api.get("/products/" + sku + "/stock");
            case HEALTH -> api.get("/health");
            case PLACE_ORDER -> api.post("/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                    "payment", Map.of("token", "tok_ok")));
            case LIST_ORDERS -> api.get("/orders");
            case GET_ORDER -> api.get("/orders/" + orderId);
            case CANCEL_ORDER -> api.post("/orders/" + orderId + "/cancel", null);
        };
        // then
        assertThat(response.status()).as(route + " as " + principal + ": " + response).isEqualTo(expected);
        if (expected == 401) {
            assertThat(response.headers().firstValue("www-authenticate")).as("401 challenge").hasValue("Bearer error=\"invalid_token\"");
        }
        if (expected >= 400 && route != Route.LIST_PRODUCTS && route != Route.GET_PRODUCT) {
            JsonNode aliceView = SecurityStack.as(tokens.valid(ALICE, false)).get("/orders/" + aliceOrder).json();
            assertThat(aliceView.get("status").asText()).as("alice's order untouched").isEqualTo("CONFIRMED");
            assertThat(response.body()).as("no order data in a refusal").doesNotContain(aliceOrder);
            JsonNode productAfter = SecurityStack.anonymous().get("/products/" + sku).json();
            assertThat(productAfter.get("restocked")).as("stock untouched").isEqualTo(productBefore.get("restocked"));
            assertThat(productAfter.get("name")).isEqualTo(productBefore.get("name"));
        }
        if (route == Route.PRODUCT_STOCK && expected == 200) {
            assertThat(response.json().path("allocation").path("restocked").isIntegralNumber()).as(response.body()).isTrue();
            assertThat(response.json().path("regions").size()).isPositive();
        }
        if (route == Route.HEALTH) {
            assertThat(response.json().path("status").asText()).as(response.body()).isEqualTo("ok");
        }
        if (route == Route.GET_ORDER && expected == 200) {
            assertThat(response.json().get("orderId").asText()).isEqualTo(aliceOrder);
        }
    }

    @Test
    void listOrders_shouldShowOnlyTheCallersOwnOrders() {
        JsonNode bobs = SecurityStack.as(tokens.valid(BOB, false)).get("/orders").json();
        JsonNode admins = SecurityStack.as(tokens.valid(ADMIN, true)).get("/orders").json();
        JsonNode alices = SecurityStack.as(tokens.valid(ALICE, false)).get("/orders").json();
        assertThat(bobs.toString()).doesNotContain(aliceOrder);
        assertThat(admins.toString()).doesNotContain(aliceOrder);
        assertThat(alices.toString()).contains(aliceOrder);
    }

    /** Each forgery, on a route every signed-in user may call: only a genuine token gets through. */
    @Test
    void protectedRoute_shouldAnswer401_forEveryForgedOrMisaddressedToken() {
        String genuine = tokens.valid(ALICE, false);
        Map<String, String> forged = new java.util.LinkedHashMap<>();
        forged.put("expired beyond leeway", "Bearer " + tokens.expired(ALICE, false));
        forged.put("nbf in the future", "Bearer " + tokens.notYetValid(ALICE));
        forged.put("wrong audience", "Bearer " + tokens.wrongAudience(ALICE, false));
        forged.put("wrong issuer", "Bearer " + tokens.wrongIssuer(ALICE));
        forged.put("alg none", "Bearer " + tokens.algNone(ALICE, false));
        forged.put("HS256 keyed with the public key (PEM)", "Bearer " + tokens.hs256WithPublicKey(ALICE, true, true));
        forged.put("HS256 keyed with the public key (DER)", "Bearer " + tokens.hs256WithPublicKey(ALICE, true, false));
        forged.put("unknown kid", "Bearer " + tokens.unknownKid(ALICE, false));
        forged.put("other key, same kid", "Bearer " + tokens.badSignature(ALICE, false));
        forged.put("payload tampered after signing", "Bearer " + tokens.tampered(genuine, BOB));
        forged.put("signature truncated", "Bearer " + genuine.substring(0, genuine.length() - 8));
        forged.put("signature removed", "Bearer " + genuine.substring(0, genuine.lastIndexOf('.') + 1));
        forged.put("two segments", "Bearer " + genuine.substring(0, genuine.lastIndexOf('.')));
        forged.put("garbage", "Bearer not-a-token");
        forged.put("empty bearer", "Bearer ");
        forged.put("basic scheme", "Basic YWxpY2U6c2VjcmV0");
        forged.put("token twice", "Bearer " + genuine + " " + genuine);
        forged.put("signature from another token", "Bearer " + genuine.substring(0, genuine.lastIndexOf('.'))
                + tokens.valid(BOB, false).substring(tokens.valid(BOB, false).lastIndexOf('.')));
        forged.forEach((what, header) -> {
            var response = SecurityStack.anonymous().header("Authorization", header).get("/orders");
            assertThat(response.status()).as(what + ": " + response).isEqualTo(401);
            var write = SecurityStack.anonymous().header("Authorization", header)
                    .put("/products/" + sku, Map.of("name", "pwned", "price", 1, "currency", "EUR"));
            assertThat(write.status()).as(what + " (admin route): " + write).isEqualTo(401);
        });
        assertThat(SecurityStack.anonymous().get("/products/" + sku).json().get("name").asText()).isNotEqualTo("pwned");
    }

    /**
     * API Gateway takes the token with or without the {@code Bearer } prefix; the scheme is
     * case-insensitive (RFC 7235). A genuine token works in each form, as its own subject only.
     */
    @Test
    void protectedRoute_shouldAcceptAGenuineToken_withOrWithoutTheBearerPrefix() {
        String genuine = tokens.valid(ALICE, false);
        for (String header : List.of(genuine, "bearer " + genuine, "BEARER " + genuine, "Bearer " + genuine)) {
            var response = SecurityStack.anonymous().header("Authorization", header).get("/orders/" + aliceOrder);
            assertThat(response.status()).as(header.substring(0, 8) + "...: " + response).isEqualTo(200);
        }
        var bob = SecurityStack.anonymous().header("Authorization", tokens.valid(BOB, false)).get("/orders/" + aliceOrder);
        assertThat(bob.status()).isEqualTo(404);
    }

    @Test
    void leeway_shouldAcceptATokenExpiredTenSecondsAgo_andRejectOneExpiredAMinuteAgo() {
        var c = tokens.claims(ALICE, false);
        long now = java.time.Instant.now().getEpochSecond();
        c.put("iat", now - 3600);
        c.put("nbf", now - 3600);
        c.put("exp", now - 10);
        assertThat(SecurityStack.as(tokens.signed(c)).get("/orders").status()).isEqualTo(200);
        c.put("exp", now - 60);
        assertThat(SecurityStack.as(tokens.signed(c)).get("/orders").status()).isEqualTo(401);
    }

    /** A signed-in user whose token says "admin" anywhere but cognito:groups is still not an admin. */
    @Test
    void productWrite_shouldAnswer403_whenAdminIsClaimedOutsideTheGroupsClaim() {
        var c = tokens.claims("mallory-sec", false);
        c.put("custom:role", "admin");
        c.put("cognito:username", "admin");
        c.putArray("groups").add("admin");
        c.put("cognito:groups", "administrators");
        var response = SecurityStack.as(tokens.signed(c)).post("/products/" + sku + "/restock", Map.of("quantity", 5));
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
    }
}

package dev.meridian.inventory.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.common.testing.BodyMutations;
import dev.meridian.inventory.domain.Stock;
import dev.meridian.inventory.support.InventoryHarness;
import dev.meridian.inventory.support.TestEvents;
import dev.meridian.inventory.support.TestEvents.Who;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The products API through its Lambda handler, with HTTP API v2 events, on the DynamoDB engine. */
@ExtendWith(LocalEngines.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductsApiHandlerTest {

    /** A product every validation case may target, so that only the input is wrong. */
    private static final String EXISTING = "existing-sku";
    private static final String JSON = "application/json";
    private static final String VALID_PRODUCT = "{\"name\":\"Blue mug\",\"price\":1250,\"currency\":\"EUR\"}";

    private InventoryHarness h;
    private ProductsApiHandler handler;

    @BeforeAll
    void createTables() {
        h = new InventoryHarness("inv-api");
        handler = new ProductsApiHandler(h.repository, h.idempotency);
        JsonNode created = put(Who.admin(), EXISTING, VALID_PRODUCT);
        assertThat(created.path("statusCode").asInt()).isEqualTo(201);
    }

    private static String newSku() {
        return "sku-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- requests ----

    private JsonNode call(String method, String route, String sku, Who who, Map<String, String> headers, String body) {
        Map<String, String> path = sku == null ? Map.of() : Map.of("sku", sku);
        String rawPath = route.replace("{sku}", sku == null ? "" : sku);
        return TestEvents.invoke(handler, TestEvents.http(method, method + " " + route, rawPath, path, who, headers, body));
    }

    private JsonNode put(Who who, String sku, String body) {
        return call("PUT", "/products/{sku}", sku, who, Map.of("content-type", JSON), body);
    }

    private JsonNode restock(Who who, String sku, String body, String idempotencyKey) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", JSON));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return call("POST", "/products/{sku}/restock", sku, who, headers, body);
    }

    private JsonNode get(String sku) {
        return call("GET", "/products/{sku}", sku, Who.customer(), Map.of(), null);
    }

    private static int status(JsonNode response) {
        return response.path("statusCode").asInt();
    }

    private static JsonNode body(JsonNode response) {
        return Json.parseTrusted(response.path("body").asText());
    }

    private static JsonNode problem(JsonNode response, int expectedStatus) {
        assertThat(status(response)).as(response.toString()).isEqualTo(expectedStatus);
        assertThat(response.path("headers").path("content-type").asText()).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
        return problem;
    }

    // ---- products ----

    @Test
    void put_shouldCreateWith201ThenUpdateWith200_whenCallerIsAdmin() {
        // given
        String sku = newSku();
        // when
        JsonNode created = put(Who.admin(), sku, VALID_PRODUCT);
        JsonNode updated = put(Who.admin(), sku, "{\"sku\":\"" + sku + "\",\"name\":\"Blue mug, large\",\"price\":1500,\"currency\":\"EUR\"}");
        // then
        assertThat(status(created)).isEqualTo(201);
        assertThat(body(created).path("price").asLong()).isEqualTo(1250);
        assertThat(body(created).path("available").asLong()).isZero();
        assertThat(status(updated)).isEqualTo(200);
        JsonNode read = body(get(sku));
        assertThat(read.path("name").asText()).isEqualTo("Blue mug, large");
        assertThat(read.path("price").asLong()).isEqualTo(1500);
        assertThat(read.path("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void put_shouldKeepTheNameExactly_whenItIsNonAsciiTextWithEmoji() {
        // given: accents, CJK and an emoji (a surrogate pair) are text, unlike control characters
        String sku = newSku();
        String name = "Tasse \u00e0 caf\u00e9 \u8336 \ud83c\udf75";
        // when
        JsonNode created = put(Who.admin(), sku, Json.write(Json.object().put("name", name).put("price", 900).put("currency", "EUR")));
        // then
        assertThat(status(created)).isEqualTo(201);
        assertThat(body(get(sku)).path("name").asText()).isEqualTo(name);
    }

    @Test
    void put_shouldRefuseWith403AndWriteNothing_whenCallerIsACustomer() {
        // given
        String before = h.snapshot();
        // when
        JsonNode response = put(Who.customer(), newSku(), VALID_PRODUCT);
        JsonNode restock = restock(Who.customer(), EXISTING, "{\"quantity\":5}", null);
        // then
        problem(response, 403);
        problem(restock, 403);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void put_shouldRefuseWith401AndWriteNothing_whenCallerIsAnonymous() {
        // given
        String before = h.snapshot();
        // when
        JsonNode response = put(Who.ANONYMOUS, newSku(), VALID_PRODUCT);
        JsonNode restock = restock(Who.ANONYMOUS, EXISTING, "{\"quantity\":5}", null);
        // then
        problem(response, 401);
        problem(restock, 401);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void restock_shouldAddToAvailable_whenProductExists() {
        // given
        String sku = newSku();
        put(Who.admin(), sku, VALID_PRODUCT);
        // when
        JsonNode first = restock(Who.admin(), sku, "{\"quantity\":5}", null);
        JsonNode second = restock(Who.admin(), sku, "{\"quantity\":3}", null);
        // then
        assertThat(status(first)).isEqualTo(200);
        assertThat(body(first).path("available").asLong()).isEqualTo(5);
        assertThat(status(second)).isEqualTo(200);
        assertThat(body(second).path("available").asLong()).isEqualTo(8);
        assertThat(h.stock(sku)).isEqualTo(new Stock(8, 0, 0, 8));
    }

    @Test
    void restock_shouldAnswer404AndWriteNothing_whenSkuIsUnknown() {
        // given
        String before = h.snapshot();
        // when
        JsonNode plain = restock(Who.admin(), newSku(), "{\"quantity\":5}", null);
        JsonNode keyed = restock(Who.admin(), newSku(), "{\"quantity\":5}", "key-" + UUID.randomUUID());
        // then: no allocation item and no idempotency record left behind
        problem(plain, 404);
        problem(keyed, 404);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void restock_shouldReplayAndAddStockOnce_whenIdempotencyKeyIsRepeated() {
        // given
        String sku = newSku();
        put(Who.admin(), sku, VALID_PRODUCT);
        String key = "restock-" + UUID.randomUUID();
        // when
        JsonNode first = restock(Who.admin(), sku, "{\"quantity\":7}", key);
        JsonNode replay = restock(Who.admin(), sku, "{\"quantity\":7}", key);
        // then
        assertThat(status(first)).isEqualTo(200);
        assertThat(status(replay)).isEqualTo(200);
        assertThat(body(replay)).isEqualTo(body(first));
        assertThat(h.stock(sku)).isEqualTo(new Stock(7, 0, 0, 7));
    }

    /**
     * A keyed restock of 7 applied, whose idempotency record is then gone: what is left when its
     * answer was lost and the attempt took its claim back, so the client's retry runs the work again.
     */
    private void restockOf7ThenItsRecordGone(String sku, String key) {
        put(Who.admin(), sku, VALID_PRODUCT);
        assertThat(status(restock(Who.admin(), sku, "{\"quantity\":7}", key))).isEqualTo(200);
        var records = h.dynamoDb.scan(b -> b.tableName(h.idempotencyTable).consistentRead(true)).items().stream()
                .filter(i -> i.get("id").s().endsWith("#" + key)).toList();
        // exactly this request's record, or the retry below would be a replay and prove nothing
        assertThat(records).hasSize(1);
        records.forEach(i -> h.dynamoDb.deleteItem(b -> b.tableName(h.idempotencyTable).key(Map.of("id", i.get("id")))));
    }

    @Test
    void restock_shouldAddStockOnce_whenAKeyedRestockRunsAgainAfterItsIdempotencyRecordWasTakenBack() {
        // given
        String sku = newSku();
        String key = "restock-" + UUID.randomUUID();
        restockOf7ThenItsRecordGone(sku, key);

        // when
        JsonNode retry = restock(Who.admin(), sku, "{\"quantity\":7}", key);

        // then: the stock was added once
        assertThat(status(retry)).isEqualTo(200);
        assertThat(body(retry).path("restocked").asLong()).isEqualTo(7);
        assertThat(h.stock(sku)).isEqualTo(new Stock(7, 0, 0, 7));

        // and (control: the check sees a second restock) another key adds again
        restock(Who.admin(), sku, "{\"quantity\":7}", "restock-" + UUID.randomUUID());
        assertThat(h.stock(sku)).isEqualTo(new Stock(14, 0, 0, 14));
    }

    @Test
    void restock_shouldRefuseWith422AndAddNothing_whenAnAppliedKeyReturnsWithAnotherQuantityAfterItsRecordIsGone() {
        // given
        String sku = newSku();
        String key = "restock-" + UUID.randomUUID();
        restockOf7ThenItsRecordGone(sku, key);

        // when
        JsonNode reused = restock(Who.admin(), sku, "{\"quantity\":70}", key);

        // then
        assertThat(problem(reused, 422).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(h.stock(sku)).isEqualTo(new Stock(7, 0, 0, 7));
    }

    @Test
    void restock_shouldAddEachRequestOnce_whenRestocksRaceWithDistinctAndRepeatedKeys() throws Exception {
        // given
        String sku = newSku();
        put(Who.admin(), sku, VALID_PRODUCT);
        String shared = "restock-" + UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> distinct = new java.util.ArrayList<>();
        List<java.util.concurrent.Future<Integer>> repeated = new java.util.ArrayList<>();
        try {
            // when: 10 restocks of 5 with their own keys, and 10 retries of one restock of 100
            for (int i = 0; i < 10; i++) {
                distinct.add(pool.submit(() -> {
                    start.await();
                    return status(restock(Who.admin(), sku, "{\"quantity\":5}", "k-" + UUID.randomUUID()));
                }));
                repeated.add(pool.submit(() -> {
                    start.await();
                    return status(restock(Who.admin(), sku, "{\"quantity\":100}", shared));
                }));
            }
            start.countDown();
            for (var f : distinct) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
            for (var f : repeated) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS)).isIn(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
        // then: 10 x 5 + 100 once
        assertThat(h.stock(sku)).isEqualTo(new Stock(150, 0, 0, 150));
    }

    @Test
    void restock_shouldRefuseWith422AndAddNothing_whenIdempotencyKeyIsReusedWithAnotherBody() {
        // given
        String sku = newSku();
        put(Who.admin(), sku, VALID_PRODUCT);
        String key = "restock-" + UUID.randomUUID();
        restock(Who.admin(), sku, "{\"quantity\":7}", key);
        String before = h.snapshot();
        // when
        JsonNode reused = restock(Who.admin(), sku, "{\"quantity\":70}", key);
        // then
        assertThat(problem(reused, 422).path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(h.snapshot()).isEqualTo(before);
        assertThat(h.stock(sku)).isEqualTo(new Stock(7, 0, 0, 7));
    }

    @Test
    void get_shouldListProductsWithStockAndReadOne_whenProductsExist() {
        // given
        String a = "list-a-" + UUID.randomUUID().toString().substring(0, 6);
        String b = "list-b-" + UUID.randomUUID().toString().substring(0, 6);
        put(Who.admin(), b, VALID_PRODUCT);
        put(Who.admin(), a, "{\"name\":\"Red mug\",\"price\":990,\"currency\":\"EUR\"}");
        restock(Who.admin(), a, "{\"quantity\":4}", null);
        // when
        JsonNode list = call("GET", "/products", null, Who.ANONYMOUS, Map.of(), null);
        JsonNode one = get(a);
        JsonNode missing = get(newSku());
        // then
        assertThat(status(list)).isEqualTo(200);
        var skus = body(list).path("items").findValuesAsText("sku");
        assertThat(skus).contains(a, b, EXISTING).isSorted();
        assertThat(status(one)).isEqualTo(200);
        assertThat(body(one).path("name").asText()).isEqualTo("Red mug");
        assertThat(body(one).path("available").asLong()).isEqualTo(4);
        assertThat(body(one).path("restocked").asLong()).isEqualTo(4);
        problem(missing, 404);
    }

    // ---- bad input: 4xx problem naming the field, never a 5xx, nothing written ----

    private static final String BIG = "{\"name\":\"" + "x".repeat(Body16k.BYTES) + "\",\"price\":1,\"currency\":\"EUR\"}";

    /** The body size limit of the edge (16 KiB), plus one. */
    private static final class Body16k {
        static final int BYTES = 16 * 1024 + 1;
    }

    static Stream<Arguments> badProductPuts() {
        return Stream.of(
                arguments("malformed JSON", EXISTING, JSON, "{\"name\":", 400, "body"),
                arguments("empty body", EXISTING, JSON, "", 400, "body"),
                arguments("array body", EXISTING, JSON, "[]", 400, "body"),
                arguments("duplicate key", EXISTING, JSON, "{\"name\":\"a\",\"price\":1,\"price\":2,\"currency\":\"EUR\"}", 400, "body"),
                arguments("missing name", EXISTING, JSON, "{\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name not a string", EXISTING, JSON, "{\"name\":42,\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name empty", EXISTING, JSON, "{\"name\":\"\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name with control char", EXISTING, JSON, "{\"name\":\"mug\\u0007\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name with newline", EXISTING, JSON, "{\"name\":\"mug\\nDROP\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("deeply nested body", EXISTING, JSON, "[".repeat(5000) + "]".repeat(5000), 400, "body"),
                arguments("name with C1 control NEL", EXISTING, JSON, "{\"name\":\"mug\\u0085\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name with C1 control CSI", EXISTING, JSON, "{\"name\":\"mug\\u009b31m\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name with DEL", EXISTING, JSON, "{\"name\":\"mug\\u007f\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name with lone surrogate", EXISTING, JSON, "{\"name\":\"mug\\ud800\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("name too long", EXISTING, JSON, "{\"name\":\"" + "n".repeat(201) + "\",\"price\":1,\"currency\":\"EUR\"}", 400, "name"),
                arguments("missing price", EXISTING, JSON, "{\"name\":\"a\",\"currency\":\"EUR\"}", 400, "price"),
                arguments("price as string", EXISTING, JSON, "{\"name\":\"a\",\"price\":\"1250\",\"currency\":\"EUR\"}", 400, "price"),
                arguments("negative price", EXISTING, JSON, "{\"name\":\"a\",\"price\":-1,\"currency\":\"EUR\"}", 400, "price"),
                arguments("price above max", EXISTING, JSON, "{\"name\":\"a\",\"price\":100000001,\"currency\":\"EUR\"}", 400, "price"),
                arguments("huge price", EXISTING, JSON, "{\"name\":\"a\",\"price\":1e30,\"currency\":\"EUR\"}", 400, "price"),
                arguments("price beyond long", EXISTING, JSON, "{\"name\":\"a\",\"price\":99999999999999999999999,\"currency\":\"EUR\"}", 400, "price"),
                arguments("fractional price", EXISTING, JSON, "{\"name\":\"a\",\"price\":12.5,\"currency\":\"EUR\"}", 400, "price"),
                arguments("lower-case currency", EXISTING, JSON, "{\"name\":\"a\",\"price\":1,\"currency\":\"eur\"}", 400, "currency"),
                arguments("currency not in ISO 4217", EXISTING, JSON, "{\"name\":\"a\",\"price\":1,\"currency\":\"ABC\"}", 400, "currency"),
                arguments("long currency", EXISTING, JSON, "{\"name\":\"a\",\"price\":1,\"currency\":\"EURO\"}", 400, "currency"),
                arguments("numeric currency", EXISTING, JSON, "{\"name\":\"a\",\"price\":1,\"currency\":978}", 400, "currency"),
                arguments("unknown field", EXISTING, JSON, "{\"name\":\"a\",\"price\":1,\"currency\":\"EUR\",\"colour\":\"blue\"}", 400, "colour"),
                arguments("body sku differs from path", EXISTING, JSON, "{\"sku\":\"other\",\"name\":\"a\",\"price\":1,\"currency\":\"EUR\"}", 400, "sku"),
                arguments("sku too long", "s".repeat(65), JSON, VALID_PRODUCT, 400, "sku"),
                arguments("sku with bad chars", "mug;rm", JSON, VALID_PRODUCT, 400, "sku"),
                arguments("sku with space", "blue mug", JSON, VALID_PRODUCT, 400, "sku"),
                arguments("sku starting with dash", "-mug", JSON, VALID_PRODUCT, 400, "sku"),
                arguments("sku with hash", "PRODUCT#x", JSON, VALID_PRODUCT, 400, "sku"),
                arguments("body over 16 KiB", EXISTING, JSON, BIG, 413, "body"),
                arguments("text/plain", EXISTING, "text/plain", VALID_PRODUCT, 415, "content-type"),
                arguments("form content type", EXISTING, "application/x-www-form-urlencoded", "name=a", 415, "content-type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProductPuts")
    void put_shouldAnswerProblemNamingTheFieldAndWriteNothing_whenInputIsBad(String why, String sku, String contentType,
                                                                            String body, int expectedStatus, String field) {
        // given
        String before = h.snapshot();
        // when
        JsonNode response = call("PUT", "/products/{sku}", sku, Who.admin(), Map.of("content-type", contentType), body);
        // then
        assertThat(problem(response, expectedStatus).path("field").asText()).isEqualTo(field);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    static Stream<Arguments> badRestocks() {
        return Stream.of(
                arguments("malformed JSON", EXISTING, JSON, "{quantity: 5}", null, 400, "body"),
                arguments("missing quantity", EXISTING, JSON, "{}", null, 400, "quantity"),
                arguments("quantity null", EXISTING, JSON, "{\"quantity\":null}", null, 400, "quantity"),
                arguments("quantity zero", EXISTING, JSON, "{\"quantity\":0}", null, 400, "quantity"),
                arguments("quantity negative", EXISTING, JSON, "{\"quantity\":-5}", null, 400, "quantity"),
                arguments("quantity above max", EXISTING, JSON, "{\"quantity\":1000001}", null, 400, "quantity"),
                arguments("quantity as string", EXISTING, JSON, "{\"quantity\":\"5\"}", null, 400, "quantity"),
                arguments("quantity fractional", EXISTING, JSON, "{\"quantity\":1.5}", null, 400, "quantity"),
                arguments("quantity boolean", EXISTING, JSON, "{\"quantity\":true}", null, 400, "quantity"),
                arguments("unknown field", EXISTING, JSON, "{\"quantity\":5,\"region\":\"eu-west-1\"}", null, 400, "region"),
                arguments("bad sku", "bad/sku", JSON, "{\"quantity\":5}", null, 400, "sku"),
                arguments("sku too long", "k".repeat(65), JSON, "{\"quantity\":5}", null, 400, "sku"),
                arguments("Idempotency-Key with space", EXISTING, JSON, "{\"quantity\":5}", "two words", 400, "Idempotency-Key"),
                arguments("Idempotency-Key too long", EXISTING, JSON, "{\"quantity\":5}", "k".repeat(129), 400, "Idempotency-Key"),
                arguments("body over 16 KiB", EXISTING, JSON, "{\"quantity\":5" + " ".repeat(Body16k.BYTES) + "}", null, 413, "body"),
                arguments("no content type", EXISTING, "", "{\"quantity\":5}", null, 415, "content-type"),
                arguments("xml", EXISTING, "application/xml", "<quantity>5</quantity>", null, 415, "content-type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRestocks")
    void restock_shouldAnswerProblemNamingTheFieldAndWriteNothing_whenInputIsBad(String why, String sku, String contentType,
                                                                                String body, String key, int expectedStatus, String field) {
        // given
        String before = h.snapshot();
        Map<String, String> headers = new HashMap<>();
        if (!contentType.isEmpty()) {
            headers.put("content-type", contentType);
        }
        if (key != null) {
            headers.put("idempotency-key", key);
        }
        // when
        JsonNode response = call("POST", "/products/{sku}/restock", sku, Who.admin(), headers, body);
        // then
        assertThat(problem(response, expectedStatus).path("field").asText()).isEqualTo(field);
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void get_shouldAnswer400NamingSku_whenPathSkuIsMalformed() {
        // when
        JsonNode tooLong = get("g".repeat(65));
        JsonNode badChars = get("a%2Fb");
        // then
        assertThat(problem(tooLong, 400).path("field").asText()).isEqualTo("sku");
        assertThat(problem(badChars, 400).path("field").asText()).isEqualTo("sku");
    }

    @Test
    void problem_shouldNotEchoTheRejectedValue_whenNameCarriesMarkup() {
        // given
        String before = h.snapshot();
        // when
        JsonNode response = put(Who.admin(), EXISTING, "{\"name\":\"<script>\\u0000\",\"price\":1,\"currency\":\"EUR\"}");
        // then
        JsonNode problem = problem(response, 400);
        assertThat(problem.path("field").asText()).isEqualTo("name");
        assertThat(response.path("body").asText()).doesNotContain("<script>");
        assertThat(h.snapshot()).isEqualTo(before);
    }

    @Test
    void handle_shouldNeverAnswer5xxOrThrow_whenBodiesAreRandomlyMutated() {
        // given: 300 seeded mutations of valid bodies, for both writing routes
        for (String body : BodyMutations.of(VALID_PRODUCT, 42, 150)) {
            // when
            JsonNode response = put(Who.admin(), EXISTING, body);
            // then
            assertThat(status(response)).as(body).isBetween(200, 499);
        }
        for (String body : BodyMutations.of("{\"quantity\":5}", 43, 150)) {
            JsonNode response = restock(Who.admin(), EXISTING, body, null);
            assertThat(status(response)).as(body).isBetween(200, 499);
        }
    }
}

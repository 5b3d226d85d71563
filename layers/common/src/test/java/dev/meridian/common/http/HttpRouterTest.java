package dev.meridian.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HttpRouterTest {

    private final HttpRouter router = new HttpRouter()
            .route("POST /things/{id}", request -> {
                JsonNode body = Body.object(request);
                Body.onlyFields(body, "", Set.of("quantity"));
                long q = Body.requireInteger(body, "", "quantity", 1, 100);
                return HttpApiResponse.json(200, Json.object().put("id", request.pathParameter("id")).put("quantity", q));
            })
            .route("GET /admin", request -> {
                request.requireAdmin();
                return HttpApiResponse.json(200, Json.object());
            })
            .route("GET /throttled", request -> {
                throw software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException.builder()
                        .message("Rate of requests exceeds the allowed throughput").build();
            })
            .route("GET /busy", request -> {
                throw ApiException.conflict("still being processed", java.time.Duration.ofMillis(2_500));
            });

    private static ObjectNode event(String routeKey, String body, String contentType) {
        ObjectNode e = Json.object();
        e.put("version", "2.0");
        e.put("routeKey", routeKey);
        e.put("rawPath", "/things/7");
        e.putObject("headers").put("Content-Type", contentType);
        e.putObject("pathParameters").put("id", "7");
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("requestId", "req-1");
        ctx.putObject("http").put("method", routeKey.split(" ")[0]);
        if (body != null) {
            e.put("body", body);
        }
        e.put("isBase64Encoded", false);
        return e;
    }

    private static JsonNode problem(HttpApiResponse response) {
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        return Json.parseTrusted(response.body());
    }

    @Test
    void handle_shouldServeTheRoute_whenBodyIsValid() {
        HttpApiResponse response = router.handle(event("POST /things/{id}", "{\"quantity\":3}", "application/json; charset=utf-8"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.parseTrusted(response.body()).get("quantity").asLong()).isEqualTo(3);
    }

    @Test
    void handle_shouldDecodeBase64Body_whenFlagged() {
        ObjectNode e = event("POST /things/{id}", Base64.getEncoder().encodeToString("{\"quantity\":4}".getBytes(StandardCharsets.UTF_8)), "application/json");
        e.put("isBase64Encoded", true);
        assertThat(router.handle(e).statusCode()).isEqualTo(200);
    }

    @Test
    void handle_shouldAnswer400NamingTheField_whenQuantityOutOfBounds() {
        HttpApiResponse response = router.handle(event("POST /things/{id}", "{\"quantity\":0}", "application/json"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response).get("field").asText()).isEqualTo("quantity");
    }

    @Test
    void handle_shouldAnswer400_whenQuantityIsAStringOrFraction() {
        assertThat(router.handle(event("POST /things/{id}", "{\"quantity\":\"3\"}", "application/json")).statusCode()).isEqualTo(400);
        assertThat(router.handle(event("POST /things/{id}", "{\"quantity\":3.5}", "application/json")).statusCode()).isEqualTo(400);
    }

    @Test
    void handle_shouldAnswer400_whenJsonIsMalformedOrHasDuplicateKeys() {
        assertThat(problem(router.handle(event("POST /things/{id}", "{\"quantity\":", "application/json"))).get("field").asText()).isEqualTo("body");
        assertThat(router.handle(event("POST /things/{id}", "{\"quantity\":1,\"quantity\":99}", "application/json")).statusCode()).isEqualTo(400);
        assertThat(router.handle(event("POST /things/{id}", "{\"quantity\":1} trailing", "application/json")).statusCode()).isEqualTo(400);
    }

    @Test
    void handle_shouldAnswer400NotCrash_whenJsonBreaksAParserLimitThatHasNoLocation() {
        // Regression: Body.object dereferenced JsonProcessingException.getLocation(), which is null for
        // StreamConstraintsException (nesting depth), so a 10 KB body of brackets escaped as a NullPointerException (5xx).
        HttpApiResponse nested = router.handle(event("POST /things/{id}", "[".repeat(5000) + "]".repeat(5000), "application/json"));
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(problem(nested).get("field").asText()).isEqualTo("body");
    }

    @Test
    void handle_shouldAnswer400NamingField_whenUnknownFieldSent() {
        HttpApiResponse response = router.handle(event("POST /things/{id}", "{\"quantity\":1,\"quantitty\":2}", "application/json"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response).get("field").asText()).isEqualTo("quantitty");
    }

    @Test
    void handle_shouldAnswer415_whenContentTypeIsNotJson() {
        assertThat(router.handle(event("POST /things/{id}", "quantity=1", "application/x-www-form-urlencoded")).statusCode()).isEqualTo(415);
    }

    @Test
    void handle_shouldAnswer413_whenBodyIsTooLarge() {
        String big = "{\"quantity\":1,\"pad\":\"" + "x".repeat(Body.MAX_BYTES) + "\"}";
        assertThat(router.handle(event("POST /things/{id}", big, "application/json")).statusCode()).isEqualTo(413);
    }

    @Test
    void handle_shouldAnswer404_whenNoRouteMatches() {
        assertThat(router.handle(event("DELETE /things/{id}", null, "application/json")).statusCode()).isEqualTo(404);
    }

    @Test
    void handle_shouldAnswer401Then403_whenCallerMissingOrNotAdmin() {
        ObjectNode anonymous = event("GET /admin", null, "application/json");
        assertThat(router.handle(anonymous).statusCode()).isEqualTo(401);

        ObjectNode customer = event("GET /admin", null, "application/json");
        ((ObjectNode) customer.get("requestContext")).putObject("authorizer").putObject("jwt").putObject("claims").put("sub", "alice");
        assertThat(router.handle(customer).statusCode()).isEqualTo(403);

        ObjectNode admin = event("GET /admin", null, "application/json");
        ((ObjectNode) admin.get("requestContext")).putObject("authorizer").putObject("jwt").putObject("claims")
                .put("sub", "root").put("cognito:groups", "[admin]");
        assertThat(router.handle(admin).statusCode()).isEqualTo(200);
    }

    @Test
    void problem_shouldNeverEchoTheRejectedValue() {
        String secret = "tok_secret_value_123";
        HttpApiResponse response = router.handle(event("POST /things/{id}", "{\"quantity\":\"" + secret + "\"}", "application/json"));
        assertThat(response.body()).doesNotContain(secret);
    }

    @Test
    void handle_shouldAnswer503WithRetryAfterAndNoDetail_whenAnAwsCallFails() {
        // when
        HttpApiResponse response = router.handle(event("GET /throttled", null, "application/json"));

        // then: retryable, says when, and nothing of the AWS error reaches the client
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers()).containsEntry("retry-after", "1");
        assertThat(response.body()).doesNotContain("throughput");
    }

    @Test
    void handle_shouldSendRetryAfter_onlyWhenTheProblemHasOne() {
        // when: a conflict that resolves by itself in 2.5 s, and one that does not (a 404)
        HttpApiResponse busy = router.handle(event("GET /busy", null, "application/json"));
        HttpApiResponse missing = router.handle(event("DELETE /things/{id}", null, "application/json"));

        // then: whole seconds rounded up (Retry-After takes no fractions), and no header where retrying is pointless
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(busy.headers()).containsEntry("retry-after", "3");
        assertThat(missing.headers()).doesNotContainKey("retry-after");
    }
}

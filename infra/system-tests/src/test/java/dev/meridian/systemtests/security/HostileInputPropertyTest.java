package dev.meridian.systemtests.security;

import dev.meridian.emulator.Emulator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever arrives — random and malformed bodies, content types, headers,
 * Idempotency-Keys, tokens and path values, on every route — the API answers 2xx or 4xx,
 * never 5xx; a request it rejects (4xx), and any read, leaves every table of the stack
 * exactly as it was; and no answer echoes the caller's bearer token or payment token.
 *
 * <p>Requests are sent raw over a socket, so nothing is sanitised on the way in.
 */
class HostileInputPropertyTest {

    private static Emulator stack;
    private static Tokens tokens;
    private static String sku;
    private static String aliceOrder;
    private static Map<String, List<String>> tables;

    /** A request as sent on the wire, and what it carried that must never come back. */
    record Fuzz(String method, String target, Map<String, String> headers, byte[] body, String secretToken) {
        @Override
        public String toString() {
            String b = body == null ? "<none>" : new String(body, StandardCharsets.UTF_8);
            return method + " " + HostilePathTest.abbreviate(target) + " headers=" + headers.keySet()
                    + " content-type=" + headers.get("Content-Type") + " body=" + HostilePathTest.abbreviate(b);
        }
    }

    @BeforeContainer
    static void start() {
        stack = SecurityStack.get();
        tokens = new Tokens(stack);
        sku = SecurityStack.product(250, 100_000);
        aliceOrder = SecurityStack.settledOrder(SecurityStack.as(tokens.valid("alice-fuzz", false)), sku, "tok_ok");
        tables = SecurityStack.awaitQuiet();
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.MIXIN)
    void anyRequest_shouldAnswer2xxOr4xx_andWriteNothingWhenRejected(@ForAll("requests") Fuzz request) {
        // when
        RawHttp.Response response = RawHttp.send(stack.port(), request.method(), request.target(), request.headers(), request.body());
        Statistics.label("status").collect(response.status());
        Statistics.label("route -> status").collect(request.method() + " " + request.target().replaceAll("\\?.*", "")
                .replaceAll("^/(products|orders)/[^/]+", "/$1/{id}") + " -> " + response.status());
        // then
        assertThat(response.status()).as(request + " -> " + response).isBetween(200, 499);
        if (request.secretToken() != null) {
            assertThat(response.head() + response.body()).as("echoed a secret: " + request).doesNotContain(request.secretToken());
        }
        String auth = request.headers().get("Authorization");
        if (auth != null && auth.length() > 40) {
            String token = auth.substring(auth.indexOf(' ') + 1);
            assertThat(response.head() + response.body()).as("echoed the bearer token").doesNotContain(token);
        }
        boolean rejected = response.status() >= 400;
        if (rejected || request.method().equals("GET")) {
            assertThat(SecurityStack.snapshot()).as("tables after " + request + " -> " + response).isEqualTo(tables);
        } else if (request.target().startsWith("/orders")) {
            // an accepted order or cancel writes its event in the same transaction: if nothing changed,
            // no saga started (a repeated cancel); otherwise the settled saga is the new baseline
            Map<String, List<String>> now = SecurityStack.snapshot();
            tables = now.equals(tables) ? now : SecurityStack.awaitQuiet();
        } else {
            tables = SecurityStack.snapshot(); // an accepted product write (synchronous): the new baseline
        }
    }

    /** Negative control: the snapshot the property compares does see a write (an admin restock). */
    @Example
    void snapshot_shouldChange_whenARequestWrites() {
        Map<String, List<String>> before = SecurityStack.awaitQuiet();
        var restock = SecurityStack.as(tokens.valid("ops-fuzz", true)).post("/products/" + sku + "/restock", Map.of("quantity", 1));
        assertThat(restock.status()).isEqualTo(200);
        assertThat(SecurityStack.snapshot()).isNotEqualTo(before);
        tables = SecurityStack.awaitQuiet();
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Fuzz> requests() {
        // writes weigh more: they are where a bad input could leave a trace
        Arbitrary<String> route = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(1, "GET /products"), net.jqwik.api.Tuple.of(1, "GET /products/{sku}"),
                net.jqwik.api.Tuple.of(4, "PUT /products/{sku}"), net.jqwik.api.Tuple.of(4, "POST /products/{sku}/restock"),
                net.jqwik.api.Tuple.of(5, "POST /orders"), net.jqwik.api.Tuple.of(1, "GET /orders"),
                net.jqwik.api.Tuple.of(1, "GET /orders/{orderId}"), net.jqwik.api.Tuple.of(2, "POST /orders/{orderId}/cancel"))
                .withoutEdgeCases();
        return Combinators.combine(route, pathValues(), authorizations(), contentTypes(), idempotencyKeys(), queries(),
                        Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((r, pathValue, auth, contentType, key, query, bodyKind, seed) -> {
                    String method = r.substring(0, r.indexOf(' '));
                    String template = r.substring(r.indexOf(' ') + 1);
                    String path = template.replace("{sku}", pathValue).replace("{orderId}", pathValue);
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (auth != null) {
                        headers.put("Authorization", auth);
                    }
                    if (contentType != null) {
                        headers.put("Content-Type", contentType);
                    }
                    if (key != null) {
                        headers.put("Idempotency-Key", key);
                    }
                    String secret = "tok_fuzz_secret_" + Integer.toHexString(seed);
                    byte[] body = method.equals("GET") && bodyKind < 80 ? null : body(template, bodyKind, seed, secret);
                    return new Fuzz(method, path + query, headers, body, secret);
                });
    }

    private Arbitrary<String> pathValues() {
        Arbitrary<String> hostile = Arbitraries.of(HostilePathTest.HOSTILE_SEGMENTS);
        Arbitrary<String> random = Arbitraries.strings().withChars("aZ09-_./\\%#:;'\"<>{}$ \u00fc\u0000\u202e\ud83d\udca3")
                .ofMinLength(1).ofMaxLength(90).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(sku)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(aliceOrder)),
                net.jqwik.api.Tuple.of(3, hostile),
                net.jqwik.api.Tuple.of(2, random),
                net.jqwik.api.Tuple.of(1, unicode));
    }

    private Arbitrary<String> authorizations() {
        // mostly genuine callers, so that bodies reach the handlers' validation; the rest forged
        Arbitrary<String> genuine = Arbitraries.of("admin", "alice", "bob").withoutEdgeCases();
        Arbitrary<String> forged = Arbitraries.of("none", "expired", "algNone", "tampered", "hs256", "garbage", "wrongAud");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, genuine), net.jqwik.api.Tuple.of(1, forged))
                .map(kind -> switch (kind) {
                    case "admin" -> "Bearer " + tokens.valid("ops-fuzz", true);
                    case "alice" -> "Bearer " + tokens.valid("alice-fuzz", false);
                    case "bob" -> "Bearer " + tokens.valid("bob-fuzz", false);
                    case "expired" -> "Bearer " + tokens.expired("ops-fuzz", true);
                    case "algNone" -> "Bearer " + tokens.algNone("ops-fuzz", true);
                    case "tampered" -> "Bearer " + tokens.tampered(tokens.valid("bob-fuzz", false), "alice-fuzz");
                    case "hs256" -> "Bearer " + tokens.hs256WithPublicKey("ops-fuzz", true, true);
                    case "garbage" -> "Bearer eyJ" + "A".repeat(300);
                    case "wrongAud" -> "Bearer " + tokens.wrongAudience("ops-fuzz", true);
                    default -> null;
                });
    }

    private static Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json", "application/json", "application/json; charset=utf-8",
                "APPLICATION/JSON", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x", "application/octet-stream",
                "application/jsonx", "*/*", "").injectNull(0.1);
    }

    private static Arbitrary<String> idempotencyKeys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(128),
                Arbitraries.of("", " ", "k".repeat(129), "k".repeat(4000), "caf\u00e9", "a b", "x\u0001y", "orders#alice-fuzz#1",
                        "${jndi:ldap://x}", "\u202e", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")).injectNull(0.6);
    }

    private static Arbitrary<String> queries() {
        return Arbitraries.of("", "", "", "?limit=1", "?limit=0", "?limit=-5", "?limit=101", "?limit=1e9", "?limit=abc",
                "?limit=9999999999999999999999", "?limit=%00", "?x=%27%22", "?limit=1&limit=2", "?" + "a".repeat(3000));
    }

    private byte[] body(String template, int kind, int seed, String secret) {
        java.util.Random random = new java.util.Random(seed);
        String text;
        if (kind < 45) {
            text = mutatedValidBody(template, random, secret);
        } else if (kind < 55) {
            text = randomJson(random, 0);
        } else if (kind < 62) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        } else if (kind < 66) {
            text = "{\"lines\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        } else if (kind < 69) {
            text = "{\"name\":\"" + "x".repeat(20_000) + "\",\"price\":1,\"currency\":\"EUR\"}";
        } else if (kind < 72) {
            text = "{\"quantity\":1,\"quantity\":1000000}";
        } else if (kind < 75) {
            text = "{\"quantity\":" + "9".repeat(2000) + "}";
        } else if (kind < 78) {
            text = "{\"quantity\":1}{\"quantity\":2}";
        } else if (kind < 81) {
            text = "";
        } else if (kind < 84) {
            text = "null";
        } else if (kind < 87) {
            text = "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"payment\":{\"token\":\"" + secret + "\",\"cvv\":\"123\"}}";
        } else if (kind < 90) {
            text = "{\"name\":\"a\\ud800b\",\"price\":1,\"currency\":\"EUR\"}";
        } else if (kind < 93) {
            text = "\ufeff{\"quantity\":1}";
        } else if (kind < 96) {
            text = "{\"quantity\":NaN}";
        } else {
            text = "{'quantity':1}";
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A body the route would accept, with one or more fields made hostile. */
    private String mutatedValidBody(String template, java.util.Random random, String secret) {
        List<Object> numbers = List.of(0, -1, 1, 2, 100, 101, 1_000_000, 1_000_001, 100_000_001, Long.MAX_VALUE, Long.MIN_VALUE,
                "1", 1.5, 1e2, -0.0, true, "null", List.of(1), Map.of("n", 1), new java.math.BigInteger("99999999999999999999999"));
        List<Object> strings = List.of(sku, "", " ", "x".repeat(65), "x".repeat(201), "a\u0000b", "a\nb", "\u202eevil", 42, List.of("a"),
                "PRODUCT#" + sku, "' OR '1'='1", "#pk", ":v", "${jndi:ldap://x}", "\ud83d\udca3", "tok_ok", secret, "EUR", "XXX", "eur");
        Map<String, Object> body = new LinkedHashMap<>();
        switch (template) {
            case "/products/{sku}" -> {
                body.put("name", pick(random, strings, "Fuzzed"));
                body.put("price", pick(random, numbers, 100));
                body.put("currency", pick(random, strings, "EUR"));
                if (random.nextInt(4) == 0) {
                    body.put("sku", pick(random, strings, sku));
                }
            }
            case "/products/{sku}/restock" -> body.put("quantity", pick(random, numbers, 1));
            default -> {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("sku", pick(random, strings, sku));
                line.put("quantity", pick(random, numbers, 1));
                if (random.nextInt(6) == 0) {
                    line.put("price", 0);
                }
                body.put("lines", random.nextInt(8) == 0 ? java.util.Collections.nCopies(26, line) : List.of(line));
                body.put("payment", Map.of("token", pick(random, strings, secret)));
            }
        }
        if (random.nextInt(5) == 0) {
            body.remove(body.keySet().iterator().next());
        }
        if (random.nextInt(5) == 0) {
            body.put(List.of("customerId", "status", "__proto__", "quantitty", "admin", "total").get(random.nextInt(6)), "x");
        }
        return dev.meridian.common.json.Json.write(body);
    }

    /** Most of the time a hostile value; sometimes the valid one, so that some requests pass and others fail one check deep. */
    private static Object pick(java.util.Random random, List<Object> values, Object valid) {
        return random.nextInt(3) == 0 ? valid : values.get(random.nextInt(values.size()));
    }

    private static String randomJson(java.util.Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> Integer.toString(random.nextInt() - 1000);
            case 1 -> "\"" + Long.toHexString(random.nextLong()) + "\\u0000\"";
            case 2 -> random.nextBoolean() ? "true" : "null";
            case 3 -> "1.0e" + random.nextInt(400);
            case 4 -> "[" + randomJson(random, depth + 1) + "," + randomJson(random, depth + 1) + "]";
            default -> "{\"" + List.of("lines", "quantity", "payment", "name", "price", "currency", "sku", "token").get(random.nextInt(8))
                    + "\":" + randomJson(random, depth + 1) + "}";
        };
    }
}

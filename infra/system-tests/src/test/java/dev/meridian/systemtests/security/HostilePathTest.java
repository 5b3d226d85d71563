package dev.meridian.systemtests.security;

import dev.meridian.emulator.Emulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile path values and query strings, sent raw through the local gateway to every route
 * (as admin and as a customer, so that authorization does not hide a handler's answer):
 * each is a 4xx (400 or 404), never a 5xx, and leaves every table unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostilePathTest {

    static final List<String> HOSTILE_SEGMENTS = List.of(
            "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "a%2Fb", "a%2fb", "%2F", "%5c..%5c", "a%5Cb",
            "%00", "SKU%00", "%0d%0aX-Injected:%201", "%zz", "%", "%e2%82", "%c0%af", "%ff%fe",
            "%C3%BC", "%F0%9F%92%A3", "sku%20with%20spaces", "+", "a+b", "'%20OR%20'1'='1", "%22%3B%7B%7D",
            "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", "PRODUCT%23x", "ALLOC%23us-east-1", "ord-", "ord-%2e%2e",
            "ord-0123456789abcdef0123456789ABCDEF", "ord-0123456789abcdef0123456789abcdef0", "%3Cscript%3E",
            "-leading-dash", "_", "A".repeat(65), "A".repeat(5000), "%41".repeat(3000), "%20", ";", "a;b=c", "*", "~", "@");

    private Emulator stack;
    private Map<String, String> admin;
    private Map<String, String> customer;
    private String sku;

    @BeforeAll
    void start() {
        stack = SecurityStack.get();
        Tokens tokens = new Tokens(stack);
        admin = Map.of("Authorization", "Bearer " + tokens.valid("ops-path", true));
        customer = Map.of("Authorization", "Bearer " + tokens.valid("carol-path", false));
        sku = SecurityStack.product(100, 50);
    }

    @Test
    void everyRoute_shouldAnswer4xxAndWriteNothing_forHostilePathValues() {
        // given
        List<String[]> requests = new ArrayList<>();
        for (String v : HOSTILE_SEGMENTS) {
            requests.add(new String[]{"GET", "/products/" + v});
            if (!dev.meridian.common.validation.Limits.SKU.matcher(v).matches()) {
                // (an order-id-shaped value is a well-formed sku: writing it is legitimate)
                requests.add(new String[]{"PUT", "/products/" + v});
                requests.add(new String[]{"POST", "/products/" + v + "/restock"});
            }
            requests.add(new String[]{"GET", "/orders/" + v});
            requests.add(new String[]{"POST", "/orders/" + v + "/cancel"});
            requests.add(new String[]{"GET", "/products/" + sku + "/" + v});
            requests.add(new String[]{"GET", "/" + v + "/products"});
        }
        Map<String, List<String>> before = SecurityStack.awaitQuiet();
        List<String> failures = new ArrayList<>();
        // when
        for (String[] r : requests) {
            for (Map<String, String> who : List.of(admin, customer)) {
                Map<String, String> headers = new LinkedHashMap<>(who);
                byte[] body = null;
                if (!r[0].equals("GET")) {
                    headers.put("Content-Type", "application/json");
                    body = (r[1].endsWith("/restock") ? "{\"quantity\":1}" : "{\"name\":\"x\",\"price\":1,\"currency\":\"EUR\"}")
                            .getBytes(StandardCharsets.UTF_8);
                }
                RawHttp.Response response = RawHttp.send(stack.port(), r[0], r[1], headers, body);
                // then
                if (response.status() < 400 || response.status() > 499) {
                    failures.add(r[0] + " " + abbreviate(r[1]) + " -> " + response);
                }
            }
        }
        assertThat(failures).as("hostile paths that did not get a 4xx").isEmpty();
        assertThat(SecurityStack.snapshot()).as("tables after hostile paths").isEqualTo(before);
    }

    @Test
    void listRoutes_shouldAnswer4xxOr200_forHostileQueryStrings() {
        List<String> queries = List.of("limit=0", "limit=-1", "limit=101", "limit=1e3", "limit=99999999999999999999",
                "limit=%zz", "limit=%", "limit", "limit=1&limit=2", "%zz=1", "=", "&&&", "limit=%00", "limit=" + "9".repeat(5000),
                "a=" + "%41".repeat(4000), "limit=1%20OR%201=1");
        List<String> failures = new ArrayList<>();
        for (String q : queries) {
            for (String path : List.of("/orders?", "/products?", "/products/" + sku + "?", "/orders/ord-0123456789abcdef0123456789abcdef?")) {
                RawHttp.Response response = RawHttp.send(stack.port(), "GET", path + q, customer, null);
                if (response.status() >= 500) {
                    failures.add("GET " + path + abbreviate(q) + " -> " + response);
                }
            }
        }
        assertThat(failures).as("hostile query strings that got a 5xx").isEmpty();
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "...(" + s.length() + " chars)" : s;
    }
}

package dev.meridian.systemtests.security;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logs never carry a bearer token or a payment token: sagas (approved, declined, gateway
 * timeout, unknown token, refund) and hostile requests (tokens in paths, queries, headers and
 * the wrong body fields; forged and expired tokens) run through the local runtime while
 * everything written to System.out and System.err is captured; no JWT (three base64url
 * segments starting with {@code eyJ}) and no payment token value appears in it.
 */
class LogLeakTest {

    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    @Test
    void logs_shouldContainNoTokens_whenSagasAndHostileRequestsRun() {
        // given
        Emulator stack = SecurityStack.get();
        Tokens tokens = new Tokens(stack);
        String sku = SecurityStack.product(150, 1_000);
        String secretPaymentToken = "tok_leakcheck_" + Long.toHexString(System.nanoTime());
        String aliceToken = tokens.valid("alice-logs", false);
        String adminToken = tokens.valid("ops-logs", true);
        LocalApi alice = SecurityStack.as(aliceToken);
        List<String> sentTokens = new ArrayList<>(List.of(aliceToken, adminToken));
        String captured;
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(originalOut, sink), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, sink), true, StandardCharsets.UTF_8));
        List<String> orders = new ArrayList<>();
        try {
            // when: sagas
            for (String paymentToken : List.of("tok_ok", "tok_declined", "tok_timeout", secretPaymentToken)) {
                orders.add(SecurityStack.place(alice, sku, paymentToken));
            }
            orders.forEach(id -> SecurityStack.awaitSettled(alice, id));
            assertThat(alice.post("/orders/" + orders.get(0) + "/cancel", null).status()).isEqualTo(200); // refund
            // and hostile requests carrying tokens in every wrong place
            String forged = tokens.tampered(aliceToken, "bob-logs");
            String expired = tokens.expired("alice-logs", false);
            String none = tokens.algNone("ops-logs", true);
            // a header whose alg is text chosen by the caller: a token, a forged log line
            String algInjection = Tokens.b64("{\"alg\":\"\\n[main] ERROR forged line " + aliceToken + "\",\"kid\":\"" + aliceToken + "\"}")
                    + "." + Tokens.b64("{\"sub\":\"x\"}") + ".c2ln";
            sentTokens.addAll(List.of(forged, expired, none));
            for (String t : List.of(forged, expired, none, algInjection, "garbage-" + secretPaymentToken)) {
                SecurityStack.anonymous().header("Authorization", "Bearer " + t).get("/orders");
                SecurityStack.anonymous().header("Authorization", "Bearer " + t).put("/products/" + sku, Map.of("name", "x", "price", 1, "currency", "EUR"));
            }
            RawHttp.send(stack.port(), "GET", "/products/" + aliceToken, Map.of(), null);
            RawHttp.send(stack.port(), "GET", "/orders/" + aliceToken, Map.of("Authorization", "Bearer " + aliceToken), null);
            RawHttp.send(stack.port(), "GET", "/orders?limit=" + aliceToken, Map.of("Authorization", "Bearer " + aliceToken), null);
            RawHttp.send(stack.port(), "POST", "/orders/" + secretPaymentToken + "/cancel", Map.of("Authorization", "Bearer " + aliceToken), null);
            alice.header("Idempotency-Key", aliceToken).post("/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                    "payment", Map.of("token", aliceToken)));
            alice.post("/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 0)), "payment", Map.of("token", secretPaymentToken)));
            alice.post("/orders", Map.of("lines", List.of(Map.of("sku", secretPaymentToken + "!", "quantity", 1)),
                    "payment", Map.of("token", secretPaymentToken)));
            alice.post("/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                    "payment", Map.of("token", secretPaymentToken, "card", aliceToken)));
            alice.post("/orders", "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"payment\":{\"token\":\"" + secretPaymentToken + "\"},"
                    + "\"" + aliceToken + "\":1}");
            alice.post("/orders", "{\"payment\":{\"token\":\"" + secretPaymentToken + "\"}, broken json " + aliceToken);
            SecurityStack.as(adminToken).put("/products/" + sku, Map.of("name", "x", "price", 1, "currency", "EUR", "sku", aliceToken));
            SecurityStack.as(adminToken).header("Idempotency-Key", secretPaymentToken)
                    .post("/products/" + sku + "/restock", Map.of("quantity", 1, "note", aliceToken));
            SecurityStack.awaitQuiet();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            synchronized (sink) {
                captured = sink.toString(StandardCharsets.UTF_8);
            }
        }
        // then: the capture saw the run (gateway refusals and every saga) ...
        assertThat(captured).as("a forged log line").doesNotContain("ERROR forged line");
        assertThat(captured).contains("-> 401").contains("OrdersApiFunction").contains("PaymentEventsFunction");
        orders.forEach(id -> assertThat(captured).as("saga of " + id + " logged").contains(id));
        assertThat(JWT.matcher(aliceToken).matches()).as("the pattern recognises a real token").isTrue();
        // ... and no token of any kind
        Matcher jwt = JWT.matcher(captured);
        assertThat(jwt.find()).as("a JWT in the logs: " + (jwt.find(0) ? around(captured, jwt.start()) : "")).isFalse();
        for (String t : sentTokens) {
            assertThat(captured).doesNotContain(t.substring(t.lastIndexOf('.') - 20));
        }
        for (String paymentToken : List.of(secretPaymentToken, "tok_ok", "tok_declined", "tok_timeout")) {
            assertThat(captured).as("payment token " + paymentToken + " in the logs").doesNotContain(paymentToken);
        }
    }

    private static String around(String text, int at) {
        int from = Math.max(0, text.lastIndexOf('\n', at) + 1);
        int to = text.indexOf('\n', at);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    /** Writes to the original stream and to the capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream sink;

        Tee(OutputStream original, ByteArrayOutputStream sink) {
            this.original = original;
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            synchronized (sink) {
                sink.write(b);
            }
            try {
                original.write(b);
            } catch (java.io.IOException e) {
                // the console is best effort; the capture is what the test reads
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (sink) {
                sink.write(b, off, len);
            }
            try {
                original.write(b, off, len);
            } catch (java.io.IOException e) {
                // as above
            }
        }

        @Override
        public void flush() {
            try {
                original.flush();
            } catch (java.io.IOException e) {
                // as above
            }
        }
    }
}

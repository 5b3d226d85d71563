package dev.meridian.systemtests.security;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: a genuine token whose {@code sub} is thousands of characters long (the local
 * issuer mints any user name) made {@code POST /orders} and restocks with an Idempotency-Key
 * answer 503: the subject went into the idempotency record's key and the orders table's GSI
 * key, beyond DynamoDB's 2048-byte key limit. A subject is at most 128 characters (Cognito's
 * {@code sub} is a 36-character UUID, usernames at most 128); a longer one is no caller: 401.
 */
class OversizedSubjectTest {

    @Test
    void signedInRoutes_shouldAnswer401AndWriteNothing_whenTheSubjectIsLongerThan128Characters() {
        // given
        Emulator stack = SecurityStack.get();
        String sku = SecurityStack.product(100, 10);
        Map<String, List<String>> before = SecurityStack.awaitQuiet();
        for (int length : new int[]{129, 2100, 5000}) {
            LocalApi customer = SecurityStack.as(stack.mintToken("u".repeat(length), false)).header("Idempotency-Key", "k-1");
            LocalApi admin = SecurityStack.as(stack.mintToken("a".repeat(length), true)).header("Idempotency-Key", "k-1");
            Map<String, Object> order = Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "payment", Map.of("token", "tok_ok"));
            // when / then
            assertThat(customer.post("/orders", order).status()).as("place, sub of " + length).isEqualTo(401);
            assertThat(customer.get("/orders").status()).as("list, sub of " + length).isEqualTo(401);
            assertThat(customer.get("/orders/ord-0123456789abcdef0123456789abcdef").status()).isEqualTo(401);
            assertThat(admin.post("/products/" + sku + "/restock", Map.of("quantity", 1)).status()).as("restock").isEqualTo(401);
            assertThat(admin.put("/products/" + sku, Map.of("name", "x", "price", 1, "currency", "EUR")).status()).isEqualTo(401);
        }
        assertThat(SecurityStack.snapshot()).isEqualTo(before);
        // and a 128-character subject is still a customer
        var ok = SecurityStack.as(stack.mintToken("u".repeat(128), false)).header("Idempotency-Key", "k-1")
                .post("/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "payment", Map.of("token", "tok_ok")));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
    }
}

package dev.meridian.systemtests.security;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Regression: an Idempotency-Key is scoped to its caller. The scope and the derived order id
 * were built as {@code subject + "#" + key} and {@code subject + "|" + key}, so a caller whose
 * subject ends where another's key begins ({@code carol} + {@code k#1} vs {@code carol#k} + {@code 1})
 * was replayed another customer's order (a cross-customer read), or collided with its order id
 * (an IllegalStateException: 500). Cognito subjects are UUIDs, but the API must not rely on the
 * shape of the identity provider's subject.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyScopeIsolationTest {

    private Emulator stack;
    private Tokens tokens;
    private String sku;

    @BeforeAll
    void start() {
        stack = SecurityStack.get();
        tokens = new Tokens(stack);
        sku = SecurityStack.product(300, 1_000);
    }

    private Map<String, Object> order() {
        return Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)), "payment", Map.of("token", "tok_ok"));
    }

    @Test
    void placeOrder_shouldNotReplayAnotherCustomersOrder_whenSubjectAndKeyConcatenateAlike() {
        // given carol's order under key "k#1"
        LocalApi carol = SecurityStack.as(tokens.valid("carol-scope", false)).header("Idempotency-Key", "k#1");
        var carols = carol.post("/orders", order());
        assertThat(carols.status()).as(carols.toString()).isEqualTo(202);
        String carolsOrder = carols.json().get("orderId").asText();
        // when "carol-scope#k" sends the same body under key "1"
        LocalApi mallory = SecurityStack.as(tokens.valid("carol-scope#k", false)).header("Idempotency-Key", "1");
        var mallorys = mallory.post("/orders", order());
        // then mallory gets an order of her own, never carol's
        assertThat(mallorys.status()).as(mallorys.toString()).isEqualTo(202);
        assertThat(mallorys.json().get("orderId").asText()).isNotEqualTo(carolsOrder);
        assertThat(mallorys.body()).doesNotContain(carolsOrder);
        assertThat(mallory.get("/orders/" + carolsOrder).status()).isEqualTo(404);
    }

    @Test
    void placeOrder_shouldNotFailOrShareAnOrder_whenSubjectAndKeyCollideInTheDerivedOrderId() {
        // given dave's order under key "k|1"
        LocalApi dave = SecurityStack.as(tokens.valid("dave-scope", false)).header("Idempotency-Key", "k|1");
        var daves = dave.post("/orders", order());
        assertThat(daves.status()).as(daves.toString()).isEqualTo(202);
        String davesOrder = daves.json().get("orderId").asText();
        // when "dave-scope|k" places an order under key "1"
        LocalApi mallory = SecurityStack.as(tokens.valid("dave-scope|k", false)).header("Idempotency-Key", "1");
        var mallorys = mallory.post("/orders", order());
        // then a new order of her own, not a 500 and not dave's
        assertThat(mallorys.status()).as(mallorys.toString()).isEqualTo(202);
        assertThat(mallorys.json().get("orderId").asText()).isNotEqualTo(davesOrder);
        assertThat(dave.get("/orders/" + davesOrder).status()).isEqualTo(200);
    }
}

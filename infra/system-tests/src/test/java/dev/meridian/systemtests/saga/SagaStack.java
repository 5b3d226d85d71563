package dev.meridian.systemtests.saga;

import dev.meridian.cli.MeridianStack;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.Await;
import dev.meridian.emulator.testing.LocalApi;
import dev.meridian.payments.adapters.SandboxLedger;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's own template.yaml running locally, with the knobs that make retries
 * take seconds instead of minutes, and the helpers saga tests share.
 */
final class SagaStack implements AutoCloseable {

    static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    static final Set<String> TERMINAL = Set.of("CONFIRMED", "CANCELLED");

    final Emulator stack;
    final LocalApi api;
    final LocalApi admin;

    private SagaStack(Emulator stack) {
        this.stack = stack;
        this.api = new LocalApi(stack.baseUrl());
        this.admin = api.as(stack.mintToken("ops-admin", true));
    }

    /** The template with fast retries: function timeout 2 s, queue visibility 2 s, reservations held {@code ttlSeconds}. */
    static SagaStack start(int reservationTtlSeconds) {
        return start(reservationTtlSeconds, 2);
    }

    /** As {@link #start(int)}, with failed messages retried after {@code visibilitySeconds}. */
    static SagaStack start(int reservationTtlSeconds, int visibilitySeconds) {
        Path template = Path.of(System.getProperty("meridian.root", "../.."), "template.yaml");
        return new SagaStack(Emulator.start(MeridianStack.options().template(template).anyFreePort()
                .parameter("FunctionTimeout", "2")
                .parameter("QueueVisibilityTimeout", Integer.toString(visibilitySeconds))
                .parameter("ReservationTtlSeconds", Integer.toString(reservationTtlSeconds))
                .build()));
    }

    LocalApi customer(String name) {
        return api.as(stack.mintToken(name, false));
    }

    /** A new product with {@code stock} units in this region; returns its sku. */
    String product(long price, long stock) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        var put = admin.put("/products/" + sku, Map.of("name", "Saga test " + sku, "price", price, "currency", "EUR"));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        if (stock > 0) {
            var restock = admin.post("/products/" + sku + "/restock", Map.of("quantity", stock));
            assertThat(restock.status()).as(restock.toString()).isEqualTo(200);
        }
        return sku;
    }

    JsonNode productView(String sku) {
        var response = api.get("/products/" + sku);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    static Map<String, Object> order(String sku, long quantity, String token) {
        return Map.of("lines", java.util.List.of(Map.of("sku", sku, "quantity", quantity)), "payment", Map.of("token", token));
    }

    String place(LocalApi customer, String sku, long quantity, String token) {
        var response = customer.post("/orders", order(sku, quantity, token));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().get("status").asText()).isEqualTo("PENDING");
        return response.json().get("orderId").asText();
    }

    /** Waits until the order satisfies {@code done}; returns it. */
    JsonNode awaitOrder(LocalApi customer, String orderId, String what, java.util.function.Predicate<JsonNode> done) {
        return Await.until("order " + orderId + " " + what, SAGA_TIMEOUT, () -> {
            var response = customer.get("/orders/" + orderId);
            if (response.status() != 200) {
                return Optional.empty();
            }
            JsonNode order = response.json();
            return done.test(order) ? Optional.of(order) : Optional.empty();
        });
    }

    JsonNode awaitTerminal(LocalApi customer, String orderId) {
        return awaitOrder(customer, orderId, "terminal", o -> TERMINAL.contains(o.get("status").asText()));
    }

    /** Waits until the sku's stock shows nothing reserved (every saga on it settled). */
    JsonNode awaitSettledStock(String sku) {
        return Await.until("stock of " + sku + " settled", SAGA_TIMEOUT, () -> {
            JsonNode p = productView(sku);
            return p.get("reserved").asLong() == 0 ? Optional.of(p) : Optional.empty();
        });
    }

    SandboxLedger ledger() {
        return new SandboxLedger(stack.dynamoDb(), stack.tableName("SandboxLedgerTable"));
    }

    /** Waits until every consumer queue is empty (nothing visible, nothing in flight). */
    void awaitQueuesDrained() {
        for (String queue : new String[]{"InventoryQueue", "PaymentsQueue", "OrdersQueue"}) {
            String url = stack.queueUrl(queue);
            Await.until(queue + " drained", SAGA_TIMEOUT, () -> {
                var attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                long pending = Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
                return pending == 0 ? Optional.of(true) : Optional.empty();
            });
        }
    }

    /** Invariant 1 for one sku in this region: conserved and never negative. */
    static void assertConserved(JsonNode product) {
        long available = product.get("available").asLong();
        long reserved = product.get("reserved").asLong();
        long sold = product.get("sold").asLong();
        assertThat(available).as("available").isGreaterThanOrEqualTo(0);
        assertThat(reserved).as("reserved").isGreaterThanOrEqualTo(0);
        assertThat(sold).as("sold").isGreaterThanOrEqualTo(0);
        assertThat(available + reserved + sold).as("conservation of " + product).isEqualTo(product.get("restocked").asLong());
    }

    static String json(Object o) {
        return Json.write(o);
    }

    @Override
    public void close() {
        stack.close();
    }
}

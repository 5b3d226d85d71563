package dev.meridian.systemtests.security;

import dev.meridian.cli.MeridianStack;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.testing.Await;
import dev.meridian.emulator.testing.LocalApi;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's template.yaml running locally, shared by every security test of this
 * JVM (JUnit and jqwik alike): started on first use, stopped when the JVM exits. Fast
 * retries (function timeout 2 s, queue visibility 2 s) so sagas settle in seconds.
 */
final class SecurityStack {

    private static Emulator stack;

    private SecurityStack() {
    }

    static synchronized Emulator get() {
        if (stack == null) {
            Path template = Path.of(System.getProperty("meridian.root", "../.."), "template.yaml");
            Emulator started = Emulator.start(MeridianStack.options().template(template).anyFreePort()
                    .parameter("FunctionTimeout", "2")
                    .parameter("QueueVisibilityTimeout", "2")
                    .build());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "security-stack-stop"));
            stack = started;
        }
        return stack;
    }

    static LocalApi anonymous() {
        return new LocalApi(get().baseUrl());
    }

    static LocalApi as(String token) {
        return anonymous().as(token);
    }

    /** A new product (admin PUT) with {@code stock} units; returns its sku. */
    static String product(long price, long stock) {
        LocalApi admin = as(get().mintToken("sec-admin", true));
        String sku = "SEC-" + UUID.randomUUID().toString().substring(0, 8);
        var put = admin.put("/products/" + sku, Map.of("name", "Security test " + sku, "price", price, "currency", "EUR"));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        if (stock > 0) {
            var restock = admin.post("/products/" + sku + "/restock", Map.of("quantity", stock));
            assertThat(restock.status()).as(restock.toString()).isEqualTo(200);
        }
        return sku;
    }

    /** Places an order for {@code customer} and waits until its saga has settled; returns its id. */
    static String settledOrder(LocalApi customer, String sku, String paymentToken) {
        return awaitSettled(customer, place(customer, sku, paymentToken));
    }

    /** Places an order of one unit; returns its id (202 asserted). */
    static String place(LocalApi customer, String sku, String paymentToken) {
        var placed = customer.post("/orders", Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)),
                "payment", Map.of("token", paymentToken)));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(202);
        return placed.json().get("orderId").asText();
    }

    /** Waits until the order is confirmed and captured, or cancelled with its payment settled. */
    static String awaitSettled(LocalApi customer, String orderId) {
        Await.until("order " + orderId + " settled", Duration.ofSeconds(60), () -> {
            JsonNode o = customer.get("/orders/" + orderId).json();
            String status = o.path("status").asText();
            String payment = o.path("payment").path("status").asText();
            boolean settled = status.equals("CONFIRMED") && payment.equals("CAPTURED")
                    || status.equals("CANCELLED") && !payment.equals("PENDING");
            return settled ? Optional.of(o) : Optional.empty();
        });
        return orderId;
    }

    /**
     * Every item of every table of the stack, by logical id, in a stable order. The
     * reservation sweeper's lease lock ({@code LocksTable}, written by the schedule on its own
     * clock every minute) is left out: it is the one write no request causes.
     */
    static Map<String, List<String>> snapshot() {
        Emulator s = get();
        Map<String, List<String>> out = new TreeMap<>();
        for (String logicalId : s.model().tables().keySet()) {
            List<String> items = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                ScanResponse page = s.dynamoDb().scan(ScanRequest.builder().tableName(s.tableName(logicalId))
                        .consistentRead(true).exclusiveStartKey(start).build());
                for (Map<String, AttributeValue> item : page.items()) {
                    if (logicalId.equals("LocksTable")) {
                        continue;
                    }
                    items.add(new TreeMap<>(item).toString());
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            items.sort(null);
            out.put(logicalId, items);
        }
        return out;
    }

    /** Waits until no consumer queue holds a message and the tables stop changing. */
    static Map<String, List<String>> awaitQuiet() {
        Emulator s = get();
        return Await.until("stack quiet", Duration.ofSeconds(60), () -> {
            for (String queue : new String[]{"InventoryQueue", "PaymentsQueue", "OrdersQueue"}) {
                var attributes = s.sqs().getQueueAttributes(b -> b.queueUrl(s.queueUrl(queue)).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                if (Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) > 0) {
                    return Optional.empty();
                }
            }
            Map<String, List<String>> first = snapshot();
            sleep(1200);
            Map<String, List<String>> second = snapshot();
            return first.equals(second) ? Optional.of(second) : Optional.empty();
        });
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

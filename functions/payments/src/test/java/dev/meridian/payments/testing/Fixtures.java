package dev.meridian.payments.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * JSON fixtures: this module's own under {@code src/test/resources/events/} (classpath), and
 * the repository's shared {@code events/} folder when it exists.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fixture from this module's test resources, e.g. {@code events/eventbridge/inventory-reserved.json}. */
    public static ObjectNode load(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + resource, e);
        }
    }

    /** A fixture from the repository's {@code events/} folder, if another module added it. */
    public static Optional<JsonNode> repositoryEvent(String relativePath) {
        String root = System.getProperty("meridian.root");
        if (root == null) {
            return Optional.empty();
        }
        Path file = Path.of(root, "events").resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read repository fixture " + file, e);
        }
    }

    /** The InventoryReserved fixture as an EventBridge event body for {@code orderId}, paid with {@code token}. */
    public static String inventoryReserved(String orderId, String token) {
        ObjectNode event = load("events/eventbridge/inventory-reserved.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("correlationId", orderId);
        ObjectNode data = (ObjectNode) detail.get("data");
        data.put("orderId", orderId);
        data.put("paymentToken", token);
        return Json.write(event);
    }

    /** The OrderCancelled fixture as an EventBridge event body for {@code orderId}. */
    public static String orderCancelled(String orderId) {
        ObjectNode event = load("events/eventbridge/order-cancelled.json");
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("correlationId", orderId);
        ((ObjectNode) detail.get("data")).put("orderId", orderId);
        return Json.write(event);
    }

    /** The amount the InventoryReserved fixture charges. */
    public static long fixtureTotal() {
        return load("events/eventbridge/inventory-reserved.json").at("/detail/data/total").longValue();
    }

    /** A Lambda SQS event (PaymentsQueue) carrying {@code bodies}, one record each, message ids m0, m1, … */
    public static String sqsEvent(String... bodies) {
        ObjectNode event = load("events/sqs/payments-queue-record.json");
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", "m" + i);
            record.put("body", bodies[i]);
            records.add(record);
        }
        return Json.write(event);
    }
}

package dev.meridian.payments.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.testkit.RepoFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** The repository's shared fixtures ({@code events/}), reshaped for one order. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A fixture of the repository's {@code events/} folder, e.g. {@code sqs/inventory-reserved.json}. */
    public static ObjectNode load(String relativePath) {
        Path file = RepoFiles.resolve("events").resolve(relativePath);
        try {
            return (ObjectNode) Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + file, e);
        }
    }

    /** A fixture of {@code events/}, if present. */
    public static Optional<JsonNode> repositoryEvent(String relativePath) {
        Path file = RepoFiles.resolve("events").resolve(relativePath);
        return Files.isRegularFile(file) ? Optional.of(load(relativePath)) : Optional.empty();
    }

    /** The EventBridge event in the body of the SQS fixture {@code sqs/<name>.json}. */
    public static ObjectNode eventBridge(String name) {
        return (ObjectNode) Json.parseTrusted(load("sqs/" + name + ".json").get("Records").get(0).get("body").asText());
    }

    /** The PaymentRequested fixture as an EventBridge event body for {@code orderId}, to be paid with {@code token}. */
    public static String paymentRequested(String orderId, String token) {
        ObjectNode event = forOrder(eventBridge("payment-requested"), orderId);
        ((ObjectNode) event.get("detail").get("data")).put("paymentToken", token);
        return Json.write(event);
    }

    /** The InventoryReserved fixture as an EventBridge event body for {@code orderId}. */
    public static String inventoryReserved(String orderId) {
        return Json.write(forOrder(eventBridge("inventory-reserved"), orderId));
    }

    /** The OrderCancelled fixture as an EventBridge event body for {@code orderId}. */
    public static String orderCancelled(String orderId) {
        return Json.write(forOrder(eventBridge("order-cancelled"), orderId));
    }

    /** The amount the PaymentRequested fixture asks for. */
    public static long fixtureTotal() {
        return eventBridge("payment-requested").at("/detail/data/amount").longValue();
    }

    /** A Lambda SQS event (PaymentsQueue) carrying {@code bodies}, one record each, message ids m0, m1, … */
    public static String sqsEvent(String... bodies) {
        ObjectNode event = load("sqs/inventory-reserved.json");
        ObjectNode template = (ObjectNode) event.get("Records").get(0);
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode record = template.deepCopy();
            record.put("messageId", "m" + i);
            record.put("body", bodies[i]);
            record.remove("md5OfBody");
            records.add(record);
        }
        return Json.write(event);
    }

    private static ObjectNode forOrder(ObjectNode event, String orderId) {
        ObjectNode detail = (ObjectNode) event.get("detail");
        detail.put("eventId", UUID.randomUUID().toString());
        detail.put("correlationId", orderId);
        ((ObjectNode) detail.get("data")).put("orderId", orderId);
        return event;
    }
}

package dev.meridian.inventory.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.json.Json;
import dev.meridian.common.testing.LambdaEvents;

import java.util.List;
import java.util.Map;

/**
 * The events Lambda hands the inventory handlers: the wire shapes come from
 * {@link LambdaEvents} (meridian-common's test jar); the saga events inventory consumes are built here.
 */
public final class TestEvents {

    public static final String REGION = "us-east-1";
    public static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:InventoryQueue";

    private TestEvents() {
    }

    // ---- EventBridge / SQS ------------------------------------------------------------

    /** An EventBridge event as a rule delivers it to SQS, with a Meridian envelope as detail. */
    public static ObjectNode eventBridge(String source, String detailType, String eventId, String region, JsonNode data) {
        return LambdaEvents.eventBridge(source, detailType, eventId, region, null, data);
    }

    /** OrderPlaced data: {@code lines} as alternating sku, quantity. */
    public static ObjectNode orderData(String orderId, Object... skuQuantity) {
        ObjectNode data = Json.object();
        data.put("orderId", orderId);
        data.put("customerId", "cust-1");
        ArrayNode lines = data.putArray("lines");
        for (int i = 0; i < skuQuantity.length; i += 2) {
            lines.addObject().put("sku", (String) skuQuantity[i]).put("quantity", ((Number) skuQuantity[i + 1]).longValue());
        }
        return data;
    }

    public static ObjectNode orderPlaced(String orderId, Object... skuQuantity) {
        ObjectNode data = orderData(orderId, skuQuantity);
        data.put("total", 1000);
        data.put("currency", "EUR");
        return eventBridge("meridian.orders", "OrderPlaced", "placed-" + orderId, REGION, data);
    }

    public static ObjectNode orderConfirmed(String orderId, Object... skuQuantity) {
        return eventBridge("meridian.orders", "OrderConfirmed", "confirmed-" + orderId, REGION, orderData(orderId, skuQuantity));
    }

    public static ObjectNode orderCancelled(String orderId, String previousStatus, Object... skuQuantity) {
        ObjectNode data = orderData(orderId, skuQuantity);
        data.put("reason", "CUSTOMER_CANCELLED");
        data.put("previousStatus", previousStatus);
        return eventBridge("meridian.orders", "OrderCancelled", "cancelled-" + orderId, REGION, data);
    }

    /** A Lambda SQS event with one record per body; message ids are {@code m0, m1, ...}. */
    public static ObjectNode sqs(Object... bodies) {
        return LambdaEvents.sqs(QUEUE_ARN, REGION, bodies);
    }

    /** The message ids the handler reported as batch item failures. */
    public static List<String> failures(JsonNode batchResponse) {
        return LambdaEvents.failures(batchResponse);
    }

    // ---- HTTP API v2 --------------------------------------------------------------------

    /** A caller: JWT claims as the HTTP API authorizer renders them, or null for anonymous. */
    public record Who(String sub, String groups) {
        public static final Who ANONYMOUS = null;

        public static Who admin() {
            return new Who("admin-1", "[admin]");
        }

        public static Who customer() {
            return new Who("cust-1", "[customers]");
        }
    }

    public static ObjectNode http(String method, String routeKey, String rawPath, Map<String, String> pathParameters,
                                  Who who, Map<String, String> headers, String body) {
        return LambdaEvents.http(method, routeKey, rawPath, pathParameters, Map.of(), who == null ? null : who.sub(),
                who == null ? null : who.groups(), headers, body);
    }

    /** Invokes a stream handler as the Lambda runtime does and parses its JSON output. */
    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event) {
        return LambdaEvents.invoke(handler, event);
    }
}

package dev.meridian.orders.support;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.common.testing.LambdaEvents;

import java.util.List;
import java.util.Map;

/**
 * The events Lambda hands the orders handlers: the wire shapes come from
 * {@link LambdaEvents} (meridian-common's test jar); the saga events orders consumes are built here.
 */
public final class TestEvents {

    public static final String REGION = "us-east-1";
    public static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:OrdersQueue";
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private TestEvents() {
    }

    // ---- EventBridge / SQS ----

    public static ObjectNode eventBridge(String source, String detailType, String eventId, JsonNode data) {
        return LambdaEvents.eventBridge(source, detailType, eventId, REGION, TRACEPARENT, data);
    }

    public static ObjectNode paymentCaptured(String orderId, long amount) {
        ObjectNode data = Json.object().put("orderId", orderId).put("amount", amount).put("currency", "EUR").put("chargeId", "ch_" + orderId);
        return eventBridge("meridian.payments", "PaymentCaptured", "captured-" + orderId, data);
    }

    public static ObjectNode paymentFailed(String orderId) {
        return eventBridge("meridian.payments", "PaymentFailed", "failed-" + orderId,
                Json.object().put("orderId", orderId).put("reason", "PAYMENT_DECLINED"));
    }

    public static ObjectNode paymentRefunded(String orderId, long amount) {
        ObjectNode data = Json.object().put("orderId", orderId).put("amount", amount).put("currency", "EUR").put("refundId", "re_" + orderId);
        return eventBridge("meridian.payments", "PaymentRefunded", "refunded-" + orderId, data);
    }

    public static ObjectNode inventoryRejected(String orderId, String... skus) {
        ObjectNode data = Json.object().put("orderId", orderId).put("reason", "OUT_OF_STOCK");
        ArrayNode array = data.putArray("skus");
        for (String sku : skus) {
            array.add(sku);
        }
        return eventBridge("meridian.inventory", "InventoryRejected", "rejected-" + orderId, data);
    }

    public static ObjectNode reservationExpired(String orderId) {
        return eventBridge("meridian.inventory", "ReservationExpired", "expired-" + orderId,
                Json.object().put("orderId", orderId).put("expiredAt", "2026-01-01T00:15:00Z"));
    }

    /** A Lambda SQS event with one record per body; message ids are {@code m0, m1, ...}. */
    public static ObjectNode sqs(Object... bodies) {
        return LambdaEvents.sqs(QUEUE_ARN, REGION, bodies);
    }

    public static List<String> failures(JsonNode batchResponse) {
        return LambdaEvents.failures(batchResponse);
    }

    // ---- HTTP API v2 ----

    /** JWT claims as the HTTP API authorizer renders them; null for a request without a caller. */
    public record Who(String sub, String groups) {
        public static final Who ANONYMOUS = null;

        public static Who customer(String sub) {
            return new Who(sub, "[customers]");
        }
    }

    public static ObjectNode http(String method, String routeKey, String rawPath, Map<String, String> pathParameters,
                                  Map<String, String> query, Who who, Map<String, String> headers, String body) {
        return LambdaEvents.http(method, routeKey, rawPath, pathParameters, query, who == null ? null : who.sub(),
                who == null ? null : who.groups(), headers, body);
    }

    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event) {
        return LambdaEvents.invoke(handler, event);
    }
}

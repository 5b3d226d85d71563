package dev.meridian.orders.support;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Builds the events Lambda hands the orders handlers, in the exact wire shapes:
 * API Gateway HTTP API payload 2.0, SQS records whose bodies are EventBridge events.
 */
public final class TestEvents {

    public static final String REGION = "us-east-1";
    public static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:OrdersQueue";

    private TestEvents() {
    }

    // ---- EventBridge / SQS ----

    public static ObjectNode eventBridge(String source, String detailType, String eventId, JsonNode data) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", "123456789012");
        e.put("time", "2026-01-01T00:00:00Z");
        e.put("region", REGION);
        e.putArray("resources");
        ObjectNode detail = e.putObject("detail");
        detail.put("eventId", eventId);
        detail.put("occurredAt", "2026-01-01T00:00:00Z");
        detail.put("region", REGION);
        detail.put("correlationId", data.path("orderId").asText(null));
        detail.put("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        detail.set("data", data);
        return e;
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
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode r = records.addObject();
            r.put("messageId", "m" + i);
            r.put("receiptHandle", "rh-" + i);
            r.put("body", bodies[i] instanceof JsonNode node ? Json.write(node) : bodies[i].toString());
            ObjectNode attributes = r.putObject("attributes");
            attributes.put("ApproximateReceiveCount", "1");
            attributes.put("SentTimestamp", "1767225600000");
            attributes.put("SenderId", "AIDAEXAMPLE");
            attributes.put("ApproximateFirstReceiveTimestamp", "1767225600001");
            r.putObject("messageAttributes");
            r.put("md5OfBody", "0");
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", QUEUE_ARN);
            r.put("awsRegion", REGION);
        }
        return event;
    }

    public static List<String> failures(JsonNode batchResponse) {
        return StreamSupport.stream(batchResponse.path("batchItemFailures").spliterator(), false)
                .map(f -> f.path("itemIdentifier").asText()).toList();
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
        ObjectNode e = Json.object();
        e.put("version", "2.0");
        e.put("routeKey", routeKey);
        e.put("rawPath", rawPath);
        e.put("rawQueryString", "");
        ObjectNode h = e.putObject("headers");
        h.put("accept", "application/json");
        h.put("host", "api.meridian.test");
        headers.forEach(h::put);
        if (!pathParameters.isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "123456789012");
        ctx.put("apiId", "api1");
        ctx.put("domainName", "api.meridian.test");
        ctx.put("requestId", "req-" + UUID.randomUUID());
        ctx.put("routeKey", routeKey);
        ctx.put("stage", "$default");
        ctx.put("timeEpoch", 1767225600000L);
        ObjectNode http = ctx.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "192.0.2.1");
        http.put("userAgent", "test");
        if (who != null) {
            ObjectNode jwt = ctx.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            claims.put("sub", who.sub());
            claims.put("cognito:groups", who.groups());
            claims.put("iss", "https://issuer.meridian.test");
            jwt.putArray("scopes");
        }
        if (body != null) {
            e.put("body", body);
        }
        e.put("isBase64Encoded", false);
        return e;
    }

    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.writeBytes(event)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
    }
}

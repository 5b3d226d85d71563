package dev.meridian.inventory.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.json.Json;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the events Lambda hands the inventory handlers, in the exact wire shapes:
 * API Gateway HTTP API payload 2.0, SQS records whose bodies are EventBridge events.
 */
public final class TestEvents {

    public static final String REGION = "us-east-1";
    public static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:InventoryQueue";

    private TestEvents() {
    }

    // ---- EventBridge / SQS ------------------------------------------------------------

    /** An EventBridge event as a rule delivers it to SQS, with a Meridian envelope as detail. */
    public static ObjectNode eventBridge(String source, String detailType, String eventId, String region, JsonNode data) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", "123456789012");
        e.put("time", "2026-01-01T00:00:00Z");
        e.put("region", region);
        e.putArray("resources");
        ObjectNode detail = e.putObject("detail");
        detail.put("eventId", eventId);
        detail.put("occurredAt", "2026-01-01T00:00:00Z");
        detail.put("region", region);
        detail.put("correlationId", data.path("orderId").asText(null));
        detail.putNull("traceparent");
        detail.set("data", data);
        return e;
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
        data.put("paymentToken", "tok_visa_ok");
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

    /** The message ids the handler reported as batch item failures. */
    public static List<String> failures(JsonNode batchResponse) {
        return java.util.stream.StreamSupport.stream(batchResponse.path("batchItemFailures").spliterator(), false)
                .map(f -> f.path("itemIdentifier").asText()).toList();
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
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "123456789012");
        ctx.put("apiId", "api1");
        ctx.put("domainName", "api.meridian.test");
        ctx.put("requestId", "req-" + UUID.randomUUID());
        ctx.put("routeKey", routeKey);
        ctx.put("stage", "$default");
        ctx.put("timeEpoch", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
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

    // ---- invocation ---------------------------------------------------------------------

    /** Invokes a stream handler as the Lambda runtime does and parses its JSON output. */
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

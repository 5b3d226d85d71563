package dev.meridian.common.testing;

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
 * The events Lambda hands Meridian's handlers, in their exact wire shapes, for the functions'
 * tests (shipped in meridian-common's test jar): EventBridge events as a rule delivers them
 * to SQS, Lambda SQS events, API Gateway HTTP API payload 2.0, and an invocation the way the
 * runtime makes it. Each function's {@code support.TestEvents} adds its own domain events.
 */
public final class LambdaEvents {

    /** The time every fixture claims, 2026-01-01T00:00:00Z. */
    public static final String TIME = "2026-01-01T00:00:00Z";
    public static final long TIME_EPOCH_MILLIS = 1767225600000L;

    private LambdaEvents() {
    }

    /** An EventBridge event with a Meridian envelope as detail; {@code traceparent} may be null. */
    public static ObjectNode eventBridge(String source, String detailType, String eventId, String region, String traceparent, JsonNode data) {
        ObjectNode e = Json.object();
        e.put("version", "0");
        e.put("id", UUID.randomUUID().toString());
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", "123456789012");
        e.put("time", TIME);
        e.put("region", region);
        e.putArray("resources");
        ObjectNode detail = e.putObject("detail");
        detail.put("eventId", eventId);
        detail.put("occurredAt", TIME);
        detail.put("region", region);
        detail.put("correlationId", data.path("orderId").asText(null));
        if (traceparent == null) {
            detail.putNull("traceparent");
        } else {
            detail.put("traceparent", traceparent);
        }
        detail.set("data", data);
        return e;
    }

    /** A Lambda SQS event with one record per body (a tree is written as JSON); message ids are {@code m0, m1, ...}. */
    public static ObjectNode sqs(String queueArn, String region, Object... bodies) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode r = records.addObject();
            r.put("messageId", "m" + i);
            r.put("receiptHandle", "rh-" + i);
            r.put("body", bodies[i] instanceof JsonNode node ? Json.write(node) : bodies[i].toString());
            ObjectNode attributes = r.putObject("attributes");
            attributes.put("ApproximateReceiveCount", "1");
            attributes.put("SentTimestamp", Long.toString(TIME_EPOCH_MILLIS));
            attributes.put("SenderId", "AIDAEXAMPLE");
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(TIME_EPOCH_MILLIS + 1));
            r.putObject("messageAttributes");
            r.put("md5OfBody", "0");
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", region);
        }
        return event;
    }

    /** The message ids a handler reported as batch item failures. */
    public static List<String> failures(JsonNode batchResponse) {
        return StreamSupport.stream(batchResponse.path("batchItemFailures").spliterator(), false)
                .map(f -> f.path("itemIdentifier").asText()).toList();
    }

    /**
     * An HTTP API payload 2.0 event. {@code sub} null means no caller (a public route, or the
     * authorizer is off); otherwise the JWT claims as the authorizer renders them, groups as
     * {@code "[a b]"}.
     */
    public static ObjectNode http(String method, String routeKey, String rawPath, Map<String, String> pathParameters,
                                  Map<String, String> query, String sub, String groups, Map<String, String> headers, String body) {
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
        ctx.put("timeEpoch", TIME_EPOCH_MILLIS);
        ObjectNode http = ctx.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "192.0.2.1");
        http.put("userAgent", "test");
        if (sub != null) {
            ObjectNode jwt = ctx.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            claims.put("sub", sub);
            claims.put("cognito:groups", groups);
            claims.put("iss", "https://issuer.meridian.test");
            jwt.putArray("scopes");
        }
        if (body != null) {
            e.put("body", body);
        }
        e.put("isBase64Encoded", false);
        return e;
    }

    /** Invokes a stream handler as the Lambda runtime does and parses its JSON output. */
    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(Json.writeBytes(event)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException("the handler failed to write its response", e);
        }
        return Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
    }
}

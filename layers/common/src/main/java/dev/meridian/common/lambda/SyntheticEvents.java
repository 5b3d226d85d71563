package dev.meridian.common.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.json.Json;

import java.time.Instant;
import java.util.Map;

/**
 * Invocation events in the exact shapes Lambda delivers them (HTTP API payload 2.0, SQS
 * with an EventBridge body, DynamoDB stream, scheduled event), built in code.
 *
 * <p>Used to prime handlers before a SnapStart snapshot ({@link Priming}) and by the
 * benchmark, so neither depends on fixture files being present.
 */
public final class SyntheticEvents {

    public static final String ACCOUNT = "000000000000";

    private SyntheticEvents() {
    }

    /**
     * An HTTP API (payload 2.0) request.
     *
     * @param subject the JWT {@code sub} claim, or null for a request without a caller
     * @param groups  the {@code cognito:groups} claim as API Gateway renders it ({@code [admin]}), or null
     * @param body    the raw body, or null
     */
    public static byte[] httpApi(String method, String routeKey, String rawPath, Map<String, String> pathParameters,
                                 String body, String subject, String groups) {
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json");
        headers.put("host", "api.local");
        headers.put("user-agent", "meridian-synthetic");
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", ACCOUNT);
        context.put("apiId", "local");
        context.put("domainName", "api.local");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "meridian-synthetic");
        context.put("requestId", "synthetic-request");
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        if (subject != null) {
            ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
            claims.put("sub", subject);
            if (groups != null) {
                claims.put("cognito:groups", groups);
            }
        }
        ObjectNode path = event.putObject("pathParameters");
        pathParameters.forEach(path::put);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return Json.writeBytes(event);
    }

    /** An EventBridge event as a rule delivers it to an SQS target (the message body). */
    public static ObjectNode eventBridge(DomainEvent event) {
        ObjectNode node = Json.object();
        node.put("version", "0");
        node.put("id", event.eventId());
        node.put("detail-type", event.detailType());
        node.put("source", event.source());
        node.put("account", ACCOUNT);
        node.put("time", event.envelope().occurredAt().toString());
        node.put("region", event.envelope().region());
        node.putArray("resources");
        node.set("detail", event.envelope().toJson());
        return node;
    }

    /** An SQS event of one message whose body is {@code event} as EventBridge delivers it. */
    public static byte[] sqs(DomainEvent event, String queueName) {
        String region = event.envelope().region();
        ObjectNode root = Json.object();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("messageId", "synthetic-" + event.eventId());
        record.put("receiptHandle", "synthetic");
        record.put("body", Json.write(eventBridge(event)));
        ObjectNode attributes = record.putObject("attributes");
        attributes.put("ApproximateReceiveCount", "1");
        attributes.put("SentTimestamp", Long.toString(event.envelope().occurredAt().toEpochMilli()));
        attributes.put("SenderId", ACCOUNT);
        attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(event.envelope().occurredAt().toEpochMilli()));
        record.putObject("messageAttributes");
        record.put("md5OfBody", "");
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:" + region + ":" + ACCOUNT + ":" + queueName);
        record.put("awsRegion", region);
        return Json.writeBytes(root);
    }

    /** A DynamoDB stream event of one INSERT of {@code event} into the outbox table (the item {@code Outbox} writes). */
    public static byte[] outboxInsert(DomainEvent event, String streamRegion) {
        ObjectNode root = Json.object();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventID", "synthetic-" + event.eventId());
        record.put("eventName", "INSERT");
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", streamRegion);
        ObjectNode ddb = record.putObject("dynamodb");
        ddb.put("ApproximateCreationDateTime", event.envelope().occurredAt().getEpochSecond());
        ddb.putObject("Keys").set("eventId", s(event.eventId()));
        ObjectNode image = ddb.putObject("NewImage");
        image.set("eventId", s(event.eventId()));
        image.set("source", s(event.source()));
        image.set("detailType", s(event.detailType()));
        image.set("detail", s(event.detailJson()));
        image.set("region", s(event.envelope().region()));
        image.set("occurredAt", s(event.envelope().occurredAt().toString()));
        image.set("expiresAt", Json.object().put("N", Long.toString(event.envelope().occurredAt().getEpochSecond() + 86_400)));
        ddb.put("SequenceNumber", "100000000000000000001");
        ddb.put("SizeBytes", 512);
        ddb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", "arn:aws:dynamodb:" + streamRegion + ":" + ACCOUNT + ":table/OutboxTable/stream/synthetic");
        return Json.writeBytes(root);
    }

    /** The event an EventBridge schedule delivers. */
    public static byte[] scheduled(String region) {
        ObjectNode node = Json.object();
        node.put("version", "0");
        node.put("id", "synthetic-schedule");
        node.put("detail-type", "Scheduled Event");
        node.put("source", "aws.events");
        node.put("account", ACCOUNT);
        node.put("time", Instant.now().toString());
        node.put("region", region);
        node.putArray("resources").add("arn:aws:events:" + region + ":" + ACCOUNT + ":rule/synthetic");
        node.putObject("detail");
        return Json.writeBytes(node);
    }

    private static JsonNode s(String value) {
        return Json.object().put("S", value);
    }
}

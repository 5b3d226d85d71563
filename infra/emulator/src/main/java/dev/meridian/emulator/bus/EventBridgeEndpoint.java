package dev.meridian.emulator.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The EventBridge API endpoint the SDK's {@code EventBridgeClient} talks to
 * ({@code EVENTBRIDGE_ENDPOINT}): AWS JSON 1.1, operation {@code AWSEvents.PutEvents}.
 */
public final class EventBridgeEndpoint implements AutoCloseable {

    private final HttpServer server;
    private volatile EventBus bus;

    private EventBridgeEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Binds a free loopback port now; requests wait for {@link #attach(EventBus)}. */
    public static EventBridgeEndpoint bind(ExecutorService executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(executor);
            EventBridgeEndpoint endpoint = new EventBridgeEndpoint(server);
            server.createContext("/", endpoint::handle);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the local EventBridge endpoint", e);
        }
    }

    public void attach(EventBus bus) {
        this.bus = bus;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod()) || target == null) {
                respond(exchange, 400, error("UnknownOperationException", "expected an AWS JSON 1.1 POST with X-Amz-Target"));
                return;
            }
            if (!target.equals("AWSEvents.PutEvents")) {
                respond(exchange, 400, error("UnknownOperationException", target + " is not emulated locally (only PutEvents)"));
                return;
            }
            EventBus current = bus;
            if (current == null) {
                respond(exchange, 503, error("ServiceUnavailableException", "the local bus is starting"));
                return;
            }
            JsonNode request;
            try {
                request = Json.parse(new String(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                respond(exchange, 400, error("SerializationException", "request body is not JSON"));
                return;
            }
            JsonNode entries = request.path("Entries");
            if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
                respond(exchange, 400, error("ValidationException", "Entries must hold 1 to 10 entries"));
                return;
            }
            respond(exchange, 200, putEvents(current, entries));
        } catch (RuntimeException e) {
            respond(exchange, 500, error("InternalException", e.getClass().getSimpleName()));
        }
    }

    static ObjectNode putEvents(EventBus bus, JsonNode entries) {
        ObjectNode response = Json.object();
        ArrayNode results = Json.array();
        List<EventBus.Delivery> deliveries = new ArrayList<>();
        int failed = 0;
        for (JsonNode entry : entries) {
            ObjectNode result = Json.object();
            String problem = null;
            String code = "InvalidArgument";
            String source = entry.path("Source").asText("");
            String detailType = entry.path("DetailType").asText("");
            String detailText = entry.path("Detail").asText("");
            String busName = entry.path("EventBusName").asText("default");
            int slash = busName.lastIndexOf("event-bus/");
            if (slash >= 0) {
                busName = busName.substring(slash + "event-bus/".length());
            }
            JsonNode detail = null;
            if (source.isEmpty()) {
                problem = "Parameter Source is not valid. Reason: Source is a required argument.";
            } else if (source.startsWith("aws.")) {
                code = "NotAuthorizedForSourceException";
                problem = "Not authorized for the source.";
            } else if (detailType.isEmpty()) {
                problem = "Parameter DetailType is not valid. Reason: DetailType is a required argument.";
            } else if (detailText.isEmpty()) {
                problem = "Parameter Detail is not valid. Reason: Detail is a required argument.";
            } else if (!bus.hasBus(busName)) {
                code = "ResourceNotFoundException";
                problem = "Event bus " + busName + " does not exist.";
            } else {
                try {
                    detail = Json.parse(detailText);
                    if (!detail.isObject()) {
                        detail = null;
                    }
                } catch (IOException e) {
                    detail = null;
                }
                if (detail == null) {
                    code = "MalformedDetail";
                    problem = "Detail is malformed.";
                }
            }
            if (problem != null) {
                failed++;
                result.put("ErrorCode", code);
                result.put("ErrorMessage", problem);
            } else {
                List<String> resources = new ArrayList<>();
                entry.path("Resources").forEach(r -> resources.add(r.asText()));
                ObjectNode event = bus.event(source, detailType, detail, time(entry.get("Time")), resources);
                deliveries.add(new EventBus.Delivery(busName, event));
                result.put("EventId", event.path("id").asText());
            }
            results.add(result);
        }
        // the request's valid entries together: messages for one queue go out in batches
        bus.deliverAll(deliveries);
        response.put("FailedEntryCount", failed);
        response.set("Entries", results);
        return response;
    }

    private static Instant time(JsonNode time) {
        if (time == null || time.isNull()) {
            return Instant.now();
        }
        if (time.isNumber()) {
            BigDecimal seconds = time.decimalValue();
            return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
        }
        try {
            return Instant.parse(time.asText());
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode node = Json.object();
        node.put("__type", type);
        node.put("message", message);
        return node;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.writeBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.meridian.dynamodb.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.Database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP side: POST / with {@code X-Amz-Target}, JSON 1.0 bodies, errors as
 * {@code {"__type": ..., "message": ...}}. Only dispatches; operations do the work.
 */
public final class HttpFrontEnd implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HttpFrontEnd.class.getName());
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY every answer
        // waits for the client's delayed ACK (about 40 ms)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final OperationRegistry registry;
    private final Database database;
    private final HttpServer server;
    private final ExecutorService executor;

    public HttpFrontEnd(OperationRegistry registry, Database database, int port, int threads) throws IOException {
        this.registry = registry;
        this.database = database;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "dynamodb-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            String requestId = UUID.randomUUID().toString();
            if (!"POST".equals(exchange.getRequestMethod())) {
                // health checks and browsers: answer like the service does for a bare GET
                send(exchange, 200, requestId, "healthy: dynamodb.meridian".getBytes(), "text/plain");
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            int status;
            byte[] out;
            try {
                Operation op = registry.find(target);
                if (op == null) {
                    throw new DynamoDbException("UnknownOperationException", "");
                }
                JsonNode request = parse(body);
                JsonNode response = op.handle(request, new RequestContext(region(exchange), database));
                out = Json.MAPPER.writeValueAsBytes(response);
                status = 200;
            } catch (DynamoDbException e) {
                status = e.status();
                out = error(e);
            } catch (RuntimeException | StackOverflowError e) {
                LOG.log(Level.WARNING, "internal error in " + target, e);
                status = 500;
                out = error(new DynamoDbException("InternalServerError", 500,
                        "Internal server error: " + e, Map.of()));
            }
            send(exchange, status, requestId, out, CONTENT_TYPE);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw DynamoDbException.serialization("Start of structure or map found where not expected");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw DynamoDbException.serialization("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw DynamoDbException.serialization("The request body could not be read: " + e.getMessage());
        }
    }

    private static byte[] error(DynamoDbException e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", ERROR_PREFIX + e.type());
            String message = e.getMessage();
            if (message != null && !message.isEmpty()) {
                g.writeStringField("message", message);
            }
            for (Map.Entry<String, Object> x : e.extra().entrySet()) {
                g.writeFieldName(x.getKey());
                Json.MAPPER.writeValue(g, x.getValue());
            }
            g.writeEndObject();
        } catch (IOException io) {
            throw new IllegalStateException("writing an error body in memory", io);
        }
        return out.toByteArray();
    }

    /** The region of the request's SigV4 credential scope, else us-east-1. */
    static String region(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            int i = auth.indexOf("Credential=");
            if (i >= 0) {
                String[] scope = auth.substring(i + 11).split("[,\\s]", 2)[0].split("/");
                if (scope.length >= 3 && !scope[2].isEmpty()) {
                    return scope[2];
                }
            }
        }
        return "us-east-1";
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void send(HttpExchange exchange, int status, String requestId, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }
}

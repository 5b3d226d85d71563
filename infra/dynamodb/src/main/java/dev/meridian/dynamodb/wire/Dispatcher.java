package dev.meridian.dynamodb.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.Database;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request, independent of the HTTP server: target + body in, status + JSON body out.
 * Errors become {@code {"__type": "com.amazonaws.dynamodb.v20120810#Type", "message": ...}};
 * only a fault that is not a {@link DynamoDbException} is a 500 (InternalServerError).
 */
public final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    /** An answer: HTTP status and body. */
    public record Answer(int status, byte[] body) {
    }

    /** Where a request of one region goes: its operations and its database. */
    public record Route(OperationRegistry registry, Database database) {
    }

    /**
     * Chooses the route of a request by its region (global mode: one database per region);
     * throws a {@link DynamoDbException} for a region the engine does not serve.
     */
    @FunctionalInterface
    public interface Router {
        Route route(String region);
    }

    private final Router router;

    public Dispatcher(OperationRegistry registry, Database database) {
        Route only = new Route(registry, database);
        this.router = region -> only;
    }

    public Dispatcher(Router router) {
        this.router = router;
    }

    public Answer dispatch(String target, String authorization, byte[] body) {
        try {
            String region = region(authorization);
            Route route = router.route(region);
            Operation op = route.registry().find(target);
            if (op == null) {
                throw new DynamoDbException("UnknownOperationException", "");
            }
            JsonNode request = parse(body);
            JsonNode response = op.handle(request, new RequestContext(region, route.database()));
            return new Answer(200, Json.MAPPER.writeValueAsBytes(response));
        } catch (DynamoDbException e) {
            return new Answer(e.status(), error(e));
        } catch (JsonProcessingException e) {
            LOG.log(Level.WARNING, "could not write the answer to " + target, e);
            return internal(e);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(Level.WARNING, "internal error in " + target, e);
            return internal(e);
        }
    }

    private static Answer internal(Throwable e) {
        return new Answer(500, error(new DynamoDbException("InternalServerError", 500, "Internal server error: " + e, Map.of())));
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

    static byte[] error(DynamoDbException e) {
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

    /** The region of a SigV4 Authorization header's credential scope, else us-east-1. */
    static String region(String authorization) {
        if (authorization != null) {
            int i = authorization.indexOf("Credential=");
            if (i >= 0) {
                String[] scope = authorization.substring(i + 11).split("[,\\s]", 2)[0].split("/");
                if (scope.length >= 3 && !scope[2].isEmpty()) {
                    return scope[2];
                }
            }
        }
        return "us-east-1";
    }
}

package dev.meridian.common.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An API Gateway HTTP API (payload format 2.0) request, as the handler sees it.
 *
 * @param routeKey       e.g. {@code GET /products/{sku}}
 * @param headers        header names lower-cased, as API Gateway delivers them
 * @param body           the raw body bytes (base64 decoded when the event says so)
 * @param caller         the JWT caller, or null on a route without an authorizer
 */
public record HttpApiRequest(
        String routeKey,
        String method,
        String rawPath,
        Map<String, String> headers,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        byte[] body,
        Caller caller,
        String requestId) {

    public static HttpApiRequest fromEvent(JsonNode event) {
        JsonNode context = event.path("requestContext");
        String method = context.path("http").path("method").asText("");
        String routeKey = event.path("routeKey").asText("");
        Map<String, String> headers = new HashMap<>();
        event.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText()));
        Map<String, String> path = new HashMap<>();
        event.path("pathParameters").fields().forEachRemaining(e -> path.put(e.getKey(), e.getValue().asText()));
        Map<String, String> query = new HashMap<>();
        event.path("queryStringParameters").fields().forEachRemaining(e -> query.put(e.getKey(), e.getValue().asText()));
        byte[] body = new byte[0];
        JsonNode bodyNode = event.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            String text = bodyNode.asText();
            if (event.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("body", "body is flagged base64 but is not valid base64");
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        Caller caller = Caller.fromClaims(context.path("authorizer").path("jwt").path("claims"));
        return new HttpApiRequest(routeKey, method, event.path("rawPath").asText(""), Map.copyOf(headers),
                Map.copyOf(path), Map.copyOf(query), body, caller, context.path("requestId").asText(""));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw ApiException.badRequest(name, "path parameter '" + name + "' is missing");
        }
        return value;
    }

    /** The signed-in caller; a route that needs one and has none answers 401. */
    public Caller requireCaller() {
        if (caller == null) {
            throw ApiException.unauthorized("this route needs a signed-in caller");
        }
        return caller;
    }

    /** The signed-in caller, who must be in the {@code admin} group (403 otherwise). */
    public Caller requireAdmin() {
        Caller c = requireCaller();
        if (!c.isAdmin()) {
            throw ApiException.forbidden("only the admin group may do this");
        }
        return c;
    }
}

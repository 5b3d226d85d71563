package dev.meridian.emulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small JSON client for the local HTTP API, for end-to-end tests:
 * {@code api.as(token).post("/orders", body)}. Immutable; {@link #as} and {@link #header}
 * return copies.
 */
public final class LocalApi {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers;

    public LocalApi(String baseUrl) {
        this(baseUrl, Map.of());
    }

    private LocalApi(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = Map.copyOf(headers);
    }

    /** The same client sending {@code Authorization: Bearer <token>}. */
    public LocalApi as(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public LocalApi header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new LocalApi(baseUrl, copy);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a request; a body that is not a String is written as JSON. */
    public Response send(String method, String path, Object body) {
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** Status, raw body and headers; {@link #json()} parses the body. */
    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            return body == null || body.isBlank() ? Json.object() : Json.parseTrusted(body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }
}

package dev.meridian.cli;

import dev.meridian.emulator.testing.Await;
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
import java.util.function.BooleanSupplier;

/** A small JSON client for the tests of the local stacks, and a wait for what arrives asynchronously. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            return body == null || body.isBlank() ? Json.object() : Json.parseTrusted(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    static Response get(String url, String... headers) {
        return send("GET", url, null, headers);
    }

    static Response post(String url, Object body, String... headers) {
        return send("POST", url, body, headers);
    }

    static Response put(String url, Object body, String... headers) {
        return send("PUT", url, body, headers);
    }

    /** {@code headers}: name, value, name, value... */
    static Response send(String method, String url, Object body, String... headers) {
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("content-type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + url, e);
        }
    }

    /** Whether {@code condition} holds within {@code within}: the emulator's Awaitility-backed wait. */
    static boolean eventually(Duration within, BooleanSupplier condition) {
        return Await.eventually(within, condition);
    }
}

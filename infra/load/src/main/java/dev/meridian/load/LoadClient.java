package dev.meridian.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The load run's HTTP client: JSON in and out, a retry loop for what a careful client retries. */
final class LoadClient {

    /** {@code retryAfterSeconds}: the {@code Retry-After} header, -1 when absent or not a number of seconds. */
    record Response(int status, JsonNode json, String body, long retryAfterSeconds) {
        Response(int status, JsonNode json, String body) {
            this(status, json, body, -1);
        }
    }

    private final HttpClient http;
    private final String base;

    LoadClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    String base() {
        return base;
    }

    /** One request; status -1 when the connection failed or timed out. */
    Response send(String method, String path, String token, Object body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("content-type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = r.body() == null || r.body().isBlank() ? null : Json.parseTrusted(r.body());
            } catch (RuntimeException notJson) {
                // keep the body
            }
            long retryAfter = r.headers().firstValue("retry-after").map(LoadClient::seconds).orElse(-1L);
            return new Response(r.statusCode(), json, r.body(), retryAfter);
        } catch (IOException e) {
            return new Response(-1, null, e.toString());
        }
    }

    static long seconds(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException httpDate) {
            return -1; // an HTTP date: Meridian sends seconds only; fall back to the backoff
        }
    }

    /**
     * Retries connection failures, 5xx, 429 and 409 (an idempotency claim still in progress)
     * with jittered exponential backoff (100 ms doubling to 2 s) until {@code within} has
     * passed; the same request each time (callers put an Idempotency-Key on writes). A 409's
     * {@code Retry-After} (when the running attempt's claim lapses) is waited out instead of
     * polled; a 503's one-second hint is not, since the request is idempotent and most faults
     * behind a 503 are over at once.
     */
    Response retrying(String method, String path, String token, Object body, Map<String, String> headers, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long backoff = 100;
        while (true) {
            Response r = send(method, path, token, body, headers);
            boolean retry = r.status() == -1 || r.status() >= 500 || r.status() == 429 || r.status() == 409;
            if (!retry || System.nanoTime() > deadline) {
                return r;
            }
            long jitter = (long) (Math.random() * backoff);
            if (r.status() == 409 && r.retryAfterSeconds() > 0) {
                Thread.sleep(r.retryAfterSeconds() * 1000 + jitter);
            } else {
                Thread.sleep(backoff + jitter);
                backoff = Math.min(2000, backoff * 2);
            }
        }
    }

    Response get(String path, String token) throws InterruptedException {
        return retrying("GET", path, token, null, Map.of(), Duration.ofSeconds(30));
    }

    /** A token from a local stack's loopback-only {@code POST /_local/token}. */
    String mint(String user, boolean admin) throws InterruptedException {
        Response r = send("POST", "/_local/token", null, Map.of("user", user, "admin", admin, "ttl", 7200), Map.of());
        if (r.status() != 200 || r.json() == null) {
            throw new IllegalStateException("cannot mint a token at " + base + "/_local/token (HTTP " + r.status() + " " + r.body()
                    + "); --target must be a ./meridian local stack");
        }
        return r.json().path("token").asText();
    }
}

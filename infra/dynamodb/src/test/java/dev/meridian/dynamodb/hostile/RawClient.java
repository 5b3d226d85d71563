package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sends exact request bytes to the engine over HTTP, with the headers an SDK sends, and reads
 * the answer without interpreting it beyond JSON. A request that gets no answer within
 * {@link #TIMEOUT} is reported as a hang, never retried.
 */
final class RawClient {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    RawClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    /** The engine's answer to one request. {@code body} is null when the answer was not JSON. */
    record Answer(int status, String type, String message, JsonNode body, String raw) {

        boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            String shown = raw.length() > 300 ? raw.substring(0, 300) + "…" : raw;
            return status + " " + shown;
        }
    }

    /** Posts {@code body} with {@code X-Amz-Target: target}; {@code target} may be null (header left out). */
    Answer post(String target, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=hostile/20261202/us-east-1/dynamodb/aws4_request,"
                        + " SignedHeaders=host;x-amz-date;x-amz-target, Signature=00")
                .header("X-Amz-Date", "20261202T000000Z")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + TIMEOUT + " (a hang) to " + target + " with body "
                    + preview(body), e);
        } catch (IOException e) {
            throw new AssertionError("the connection failed instead of an answer to " + target + " with body "
                    + preview(body) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + target, e);
        }
        JsonNode json = null;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException notJson) {
            // left null: the caller decides whether a non-JSON answer is acceptable
        }
        String type = null;
        String message = null;
        if (json != null && json.isObject()) {
            JsonNode t = json.get("__type");
            if (t != null && t.isTextual()) {
                String full = t.textValue();
                type = full.substring(full.indexOf('#') + 1);
            }
            JsonNode m = json.has("message") ? json.get("message") : json.get("Message");
            if (m != null && m.isTextual()) {
                message = m.textValue();
            }
        }
        return new Answer(response.statusCode(), type, message, json, response.body());
    }

    Answer post(String target, JsonNode body) {
        try {
            return post(target, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("serialising a request in memory", e);
        }
    }

    /** A DynamoDB operation by its short name (PutItem), failing the test unless it succeeds. */
    JsonNode call(String operation, ObjectNode body) {
        Answer a = post(Targets.dynamodb(operation), body);
        if (!a.ok()) {
            throw new AssertionError(operation + " " + body + " was expected to succeed, got " + a);
        }
        return a.body();
    }

    static String preview(byte[] body) {
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 200 ? s.substring(0, 200) + "… (" + body.length + " bytes)" : s;
    }
}

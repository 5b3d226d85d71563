package dev.meridian.common.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.util.Map;

/**
 * The one writer of {@code application/problem+json} (RFC 9457) responses.
 *
 * <p>A problem names the field at fault but never echoes the rejected value, so a
 * secret sent in the wrong place (a token, a card token) never comes back or lands in a log.
 */
public final class Problems {

    /** {@code Retry-After} of a 503. */
    public static final long SERVER_ERROR_RETRY_AFTER_SECONDS = 1;

    private Problems() {
    }

    public static HttpApiResponse of(ApiException e, String requestId) {
        ObjectNode body = Json.object();
        body.put("type", "https://meridian.dev/problems/" + slug(e.title()));
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.detail());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        if (requestId != null && !requestId.isEmpty()) {
            body.put("requestId", requestId);
        }
        Map<String, String> headers = e.retryAfterSeconds() == null
                ? Map.of("content-type", HttpApiResponse.PROBLEM_JSON)
                : Map.of("content-type", HttpApiResponse.PROBLEM_JSON, "retry-after", Long.toString(e.retryAfterSeconds()));
        return new HttpApiResponse(e.status(), headers, Json.write(body));
    }

    /**
     * An infrastructure fault (a throttle, a timeout, an unreachable dependency): no detail leaks
     * to the client; it may retry after a second, with the same Idempotency-Key on a write.
     */
    public static HttpApiResponse serverError(String requestId) {
        return of(new ApiException(503, "Service unavailable", "a dependency failed; retry the request", null, SERVER_ERROR_RETRY_AFTER_SECONDS),
                requestId);
    }


    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }
}

package dev.meridian.common.http;

import java.time.Duration;

/**
 * A request that cannot be served as asked, with the HTTP status and the problem details
 * to return. Raised by validation and use cases, mapped once to problem+json at the edge.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;
    private final Long retryAfterSeconds;

    public ApiException(int status, String title, String detail, String field) {
        this(status, title, detail, field, null);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After}; null: none */
    public ApiException(int status, String title, String detail, String field, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(400, "Invalid request", detail, field);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "Unauthorized", detail, null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "Forbidden", detail, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not found", detail, null);
    }

    /** A conflict that resolves by itself: the client may repeat the request after {@code retryAfter}. */
    public static ApiException conflict(String detail, Duration retryAfter) {
        // Retry-After takes whole seconds: round up, so that a client never comes back too early
        return new ApiException(409, "Conflict", detail, null, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    public static ApiException payloadTooLarge(String detail) {
        return new ApiException(413, "Payload too large", detail, "body");
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, "Unsupported media type", detail, "content-type");
    }

    public static ApiException unprocessable(String field, String detail) {
        return new ApiException(422, "Unprocessable request", detail, field);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The request field at fault (JSON path such as {@code lines[0].quantity}), or null. */
    public String field() {
        return field;
    }

    public String detail() {
        return getMessage();
    }

    /** Seconds for the {@code Retry-After} header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

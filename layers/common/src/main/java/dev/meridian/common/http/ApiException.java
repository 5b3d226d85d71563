package dev.meridian.common.http;

/**
 * A request that cannot be served as asked, with the HTTP status and the problem details
 * to return. Raised by validation and use cases, mapped once to problem+json at the edge.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ApiException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
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

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail, null);
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
}

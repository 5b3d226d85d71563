package dev.meridian.common.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP API (payload format 2.0) response. */
public record HttpApiResponse(int statusCode, Map<String, String> headers, String body) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public static HttpApiResponse json(int status, Object body) {
        return new HttpApiResponse(status, Map.of("content-type", JSON), Json.write(body));
    }

    public HttpApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpApiResponse(statusCode, copy, body);
    }

    /** The payload format 2.0 response object Lambda returns to API Gateway. */
    public ObjectNode toEvent() {
        ObjectNode out = Json.object();
        out.put("statusCode", statusCode);
        ObjectNode h = out.putObject("headers");
        headers.forEach(h::put);
        out.put("body", body);
        out.put("isBase64Encoded", false);
        return out;
    }
}

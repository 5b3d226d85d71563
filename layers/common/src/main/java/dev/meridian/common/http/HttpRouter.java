package dev.meridian.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Dispatches an HTTP API event to the route it was matched to ({@code routeKey}) and maps
 * outcomes once: {@link ApiException} to its problem+json, an AWS service fault to 503
 * (retryable, nothing leaked); anything else is a bug and propagates.
 */
public final class HttpRouter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final Map<String, Function<HttpApiRequest, HttpApiResponse>> routes = new LinkedHashMap<>();

    public HttpRouter route(String routeKey, Function<HttpApiRequest, HttpApiResponse> handler) {
        if (routes.putIfAbsent(routeKey, handler) != null) {
            throw new IllegalArgumentException("route declared twice: " + routeKey);
        }
        return this;
    }

    public HttpApiResponse handle(JsonNode event) {
        String requestId = event.path("requestContext").path("requestId").asText("");
        try {
            HttpApiRequest request = HttpApiRequest.fromEvent(event);
            Function<HttpApiRequest, HttpApiResponse> handler = routes.get(request.routeKey());
            if (handler == null) {
                throw ApiException.notFound("no route " + request.method() + " " + request.rawPath());
            }
            return handler.apply(request);
        } catch (ApiException e) {
            return Problems.of(e, requestId);
        } catch (SdkException e) {
            LOG.error("request {} failed on an AWS call: {}", requestId, e.getClass().getSimpleName() + ": " + e.getMessage());
            return Problems.serverError(requestId);
        }
    }
}

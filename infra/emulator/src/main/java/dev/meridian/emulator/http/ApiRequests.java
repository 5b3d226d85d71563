package dev.meridian.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The template's HTTP APIs: a request is matched to a route, its API's CORS applied, the route's
 * JWT authorizer enforced, and the route's function invoked with a payload 2.0 event.
 */
final class ApiRequests {

    private static final Logger LOG = LoggerFactory.getLogger("gateway");

    private final StackModel model;
    private final RouteTable routes;
    private final Map<String, LocalFunction> functions;
    private final JwtAuthorizer authorizer;
    private final Map<String, Cors> corsByApi = new LinkedHashMap<>();

    ApiRequests(StackModel model, Map<String, LocalFunction> functions, JwtAuthorizer authorizer) {
        this.model = model;
        this.routes = new RouteTable(model.routes());
        this.functions = functions;
        this.authorizer = authorizer;
        model.apis().values().forEach(api -> {
            if (api.cors() != null) {
                corsByApi.put(api.logicalId(), new Cors(api.cors()));
            }
        });
    }

    void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        boolean preflight = Cors.isPreflight(exchange);
        // a preflight names the method it asks about: that method's route says which API (and CORS) answers
        Optional<RouteTable.Match> match = routes.match(
                preflight ? exchange.getRequestHeaders().getFirst("Access-Control-Request-Method").toUpperCase(Locale.ROOT) : method, path);
        Cors cors = corsOf(match);
        if (cors != null && origin != null) {
            if (preflight) {
                cors.preflight(exchange, origin);
                return;
            }
            cors.addHeaders(exchange, origin);
        }
        if (preflight) {
            match = routes.match(method, path);
        }
        if (match.isEmpty()) {
            Responses.send(exchange, 404, Responses.message("Not Found"));
            return;
        }
        Specs.Route route = match.get().route();
        JsonNode claims = null;
        if (route.authorizer() != null) {
            Specs.JwtAuthorizer spec = model.apis().get(route.apiLogicalId()).authorizers().get(route.authorizer());
            JwtAuthorizer.Decision decision = authorizer.authorize(spec, route, exchange.getRequestHeaders());
            if (!decision.allowed()) {
                LOG.info("{} -> {} ({})", route.routeKey(), decision.status(), decision.reason());
                if (decision.status() == 401) {
                    exchange.getResponseHeaders().set("www-authenticate", "Bearer error=\"invalid_token\"");
                }
                Responses.send(exchange, decision.status(), Responses.message(decision.status() == 401 ? "Unauthorized" : "Forbidden"));
                return;
            }
            claims = decision.claims();
        }
        ObjectNode event = PayloadV2.event(exchange, model.apis().get(route.apiLogicalId()).apiId(), match.get(), claims, body);
        LocalFunction function = functions.get(route.functionLogicalId());
        LocalFunction.Result result = function.invoke(Json.writeBytes(event), "http " + route.routeKey());
        if (!result.ok()) {
            Responses.send(exchange, 500, Responses.message("Internal Server Error"));
            return;
        }
        PayloadV2.respond(exchange, result.output(), event.path("requestContext").path("requestId").asText());
    }

    /** The CORS of the matched route's API; without a match, that of the stack's only API. */
    private Cors corsOf(Optional<RouteTable.Match> match) {
        if (match.isPresent()) {
            return corsByApi.get(match.get().route().apiLogicalId());
        }
        return model.apis().size() == 1 ? corsByApi.get(model.apis().keySet().iterator().next()) : null;
    }
}

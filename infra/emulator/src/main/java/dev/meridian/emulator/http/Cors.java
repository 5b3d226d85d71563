package dev.meridian.emulator.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.meridian.emulator.template.Specs;

import java.io.IOException;
import java.util.Locale;

/**
 * One HTTP API's CorsConfiguration applied as API Gateway applies it: it answers preflight
 * requests itself and adds the CORS headers to the responses of that API's routes.
 */
final class Cors {

    private final Specs.Cors config;

    Cors(Specs.Cors config) {
        this.config = config;
    }

    /** A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) that this API answers itself. */
    static boolean isPreflight(HttpExchange exchange) {
        return exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals("OPTIONS")
                && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method");
    }

    void preflight(HttpExchange exchange, String origin) throws IOException {
        Headers h = exchange.getResponseHeaders();
        if (allowedOrigin(origin) != null) {
            addHeaders(exchange, origin);
            if (!config.allowMethods().isEmpty()) {
                h.set("access-control-allow-methods", String.join(",", config.allowMethods()));
            }
            if (!config.allowHeaders().isEmpty()) {
                h.set("access-control-allow-headers", String.join(",", config.allowHeaders()));
            }
            if (config.maxAge() != null) {
                h.set("access-control-max-age", config.maxAge().toString());
            }
        }
        exchange.sendResponseHeaders(204, -1);
    }

    void addHeaders(HttpExchange exchange, String origin) {
        String allowed = allowedOrigin(origin);
        if (allowed == null) {
            return;
        }
        Headers h = exchange.getResponseHeaders();
        h.set("access-control-allow-origin", allowed);
        if (config.allowCredentials()) {
            h.set("access-control-allow-credentials", "true");
        }
        if (!config.exposeHeaders().isEmpty()) {
            h.set("access-control-expose-headers", String.join(",", config.exposeHeaders()));
        }
    }

    private String allowedOrigin(String origin) {
        if (config.allowOrigins().contains("*")) {
            return config.allowCredentials() ? origin : "*";
        }
        return config.allowOrigins().contains(origin) ? origin : null;
    }
}

package dev.meridian.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.common.json.Json;
import dev.meridian.local.auth.JwtVerifier;
import dev.meridian.local.auth.LocalIssuer;
import dev.meridian.local.lambda.LocalFunction;
import dev.meridian.local.schedule.Scheduler;
import dev.meridian.local.template.Specs;
import dev.meridian.local.template.StackModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * The local HTTP API: turns each request into API Gateway's HTTP API payload 2.0 event,
 * enforces the route's JWT authorizer, invokes the function, and maps its response back.
 *
 * <p>Paths under {@code /_local/} are the runtime's own: the issuer's JWKS and OpenID
 * configuration, token minting (loopback only), on-demand schedules and a health check.
 */
public final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("gateway");
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    public static final String ISSUER_PATH = "/_local/issuer";

    /** Everything the gateway serves, attached once the stack is up. */
    public record Wiring(StackModel model, RouteTable routes, Map<String, LocalFunction> functions, JwtVerifier verifier,
                         LocalIssuer issuer, Scheduler scheduler) {
    }

    private final HttpServer server;
    private volatile Wiring wiring;
    private final Map<String, java.util.function.Supplier<String>> extraLocal = new java.util.concurrent.ConcurrentHashMap<>();

    private HttpGateway(HttpServer server) {
        this.server = server;
    }

    /** Binds 127.0.0.1:port (0: a free port) and starts serving; routes answer 503 until {@link #attach}. */
    public static HttpGateway bind(int port, ExecutorService executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.setExecutor(executor);
            HttpGateway gateway = new HttpGateway(server);
            server.createContext("/", gateway::handle);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another meridian local running? use --port", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String issuerUrl() {
        return baseUrl() + ISSUER_PATH;
    }

    public void attach(Wiring wiring) {
        this.wiring = wiring;
    }

    /**
     * Adds a runtime path (loopback only, like everything on this port): {@code routeKey} is
     * {@code "GET /_local/..."}; the supplier answers with a JSON document (200).
     */
    public void localRoute(String routeKey, java.util.function.Supplier<String> json) {
        extraLocal.put(routeKey, json);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Wiring w = wiring;
            String path = exchange.getRequestURI().getRawPath();
            if (w == null) {
                send(exchange, 503, message("Service Unavailable"));
                return;
            }
            if (path.startsWith("/_local/")) {
                local(exchange, w, path, body);
                return;
            }
            api(exchange, w, path, body);
        } catch (RuntimeException e) {
            LOG.error("gateway failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            send(exchange, 500, message("Internal Server Error"));
        }
    }

    // ------------------------------------------------------------------ API routes

    private void api(HttpExchange exchange, Wiring w, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Specs.Cors cors = w.model().apis().values().stream().map(Specs.HttpApi::cors).filter(c -> c != null).findFirst().orElse(null);
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (cors != null && origin != null) {
            if (method.equals("OPTIONS") && exchange.getRequestHeaders().containsKey("Access-Control-Request-Method")) {
                preflight(exchange, cors, origin);
                return;
            }
            corsHeaders(exchange, cors, origin);
        }
        Optional<RouteTable.Match> match = w.routes().match(method, path);
        if (match.isEmpty()) {
            send(exchange, 404, message("Not Found"));
            return;
        }
        Specs.Route route = match.get().route();
        Headers requestHeaders = exchange.getRequestHeaders();
        JsonNode claims = null;
        if (route.authorizer() != null) {
            Specs.JwtAuthorizer authorizer = w.model().apis().get(route.apiLogicalId()).authorizers().get(route.authorizer());
            String headerName = authorizer.identitySource().substring("$request.header.".length());
            String value = requestHeaders.getFirst(headerName);
            if (value == null || value.isBlank()) {
                unauthorized(exchange, route, "no token");
                return;
            }
            String token = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value.trim();
            try {
                claims = w.verifier().verify(token);
            } catch (JwtVerifier.InvalidTokenException e) {
                unauthorized(exchange, route, e.getMessage());
                return;
            }
            if (!route.scopes().isEmpty() && !hasScope(claims, route.scopes())) {
                LOG.info("{} -> 403 (token lacks the route's scopes)", route.routeKey());
                send(exchange, 403, message("Forbidden"));
                return;
            }
        }
        ObjectNode event = event(exchange, w, match.get(), claims, body);
        LocalFunction function = w.functions().get(route.functionLogicalId());
        LocalFunction.Result result = function.invoke(Json.writeBytes(event), "http " + route.routeKey());
        if (!result.ok()) {
            send(exchange, 500, message("Internal Server Error"));
            return;
        }
        respond(exchange, result.output(), event.path("requestContext").path("requestId").asText());
    }

    /** API Gateway answers CORS preflight requests itself when the API has a CorsConfiguration. */
    private static void preflight(HttpExchange exchange, Specs.Cors cors, String origin) throws IOException {
        Headers h = exchange.getResponseHeaders();
        if (allowedOrigin(cors, origin) != null) {
            corsHeaders(exchange, cors, origin);
            if (!cors.allowMethods().isEmpty()) {
                h.set("access-control-allow-methods", String.join(",", cors.allowMethods()));
            }
            if (!cors.allowHeaders().isEmpty()) {
                h.set("access-control-allow-headers", String.join(",", cors.allowHeaders()));
            }
            if (cors.maxAge() != null) {
                h.set("access-control-max-age", cors.maxAge().toString());
            }
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private static void corsHeaders(HttpExchange exchange, Specs.Cors cors, String origin) {
        String allowed = allowedOrigin(cors, origin);
        if (allowed == null) {
            return;
        }
        Headers h = exchange.getResponseHeaders();
        h.set("access-control-allow-origin", allowed);
        if (cors.allowCredentials()) {
            h.set("access-control-allow-credentials", "true");
        }
        if (!cors.exposeHeaders().isEmpty()) {
            h.set("access-control-expose-headers", String.join(",", cors.exposeHeaders()));
        }
    }

    private static String allowedOrigin(Specs.Cors cors, String origin) {
        if (cors.allowOrigins().contains("*")) {
            return cors.allowCredentials() ? origin : "*";
        }
        return cors.allowOrigins().contains(origin) ? origin : null;
    }

    private void unauthorized(HttpExchange exchange, Specs.Route route, String reason) throws IOException {
        LOG.info("{} -> 401 ({})", route.routeKey(), reason);
        exchange.getResponseHeaders().set("www-authenticate", "Bearer error=\"invalid_token\"");
        send(exchange, 401, message("Unauthorized"));
    }

    private static boolean hasScope(JsonNode claims, List<String> scopes) {
        String granted = claims.path("scope").asText(claims.path("scp").asText(""));
        for (String s : granted.split(" ")) {
            if (scopes.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /** The API Gateway HTTP API payload format 2.0 event. */
    static ObjectNode event(HttpExchange exchange, Wiring w, RouteTable.Match match, JsonNode claims, byte[] body) {
        Specs.Route route = match.route();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        ObjectNode event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String c : h.getValue()) {
                    for (String part : c.split(";")) {
                        if (!part.isBlank()) {
                            cookies.add(part.trim());
                        }
                    }
                }
                continue;
            }
            headers.merge(name, String.join(",", h.getValue()), (a, b) -> a + "," + b);
        }
        InetSocketAddress remote = exchange.getRemoteAddress();
        String sourceIp = remote.getAddress().getHostAddress();
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-port", Integer.toString(exchange.getLocalAddress().getPort()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        if (!cookies.isEmpty()) {
            var array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Map<String, String> query = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = RouteTable.decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(k, v, (a, b) -> a + "," + b);
            }
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", StackModel.ACCOUNT_ID);
        context.put("apiId", w.model().apis().get(route.apiLogicalId()).apiId());
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimNode = jwt.putObject("claims");
            for (Map.Entry<String, JsonNode> f : claims.properties()) {
                claimNode.put(f.getKey(), claimString(f.getValue()));
            }
            jwt.putNull("scopes");
        }
        String host = headers.getOrDefault("host", "127.0.0.1");
        context.put("domainName", host);
        context.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        ObjectNode http = context.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", rawPath);
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        String requestId = UUID.randomUUID().toString();
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        Instant now = Instant.now();
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!match.pathParameters().isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            match.pathParameters().forEach(p::put);
        }
        if (body.length > 0) {
            String contentType = headers.getOrDefault("content-type", "");
            String text = isText(contentType) ? utf8(body) : null;
            if (text != null) {
                event.put("body", text);
                event.put("isBase64Encoded", false);
            } else {
                event.put("body", Base64.getEncoder().encodeToString(body));
                event.put("isBase64Encoded", true);
            }
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** API Gateway renders every claim as a string; an array as {@code [a b]}. */
    static String claimString(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : Json.write(v)));
            return "[" + String.join(" ", items) + "]";
        }
        if (value.isObject()) {
            return Json.write(value);
        }
        return value.asText();
    }

    private static boolean isText(String contentType) {
        String ct = contentType.toLowerCase(Locale.ROOT);
        return ct.isEmpty() || ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("javascript")
                || ct.contains("x-www-form-urlencoded") || ct.contains("yaml");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Maps a payload 2.0 response: {statusCode, headers, cookies, body, isBase64Encoded}, or plain JSON as 200. */
    private static void respond(HttpExchange exchange, byte[] output, String requestId) throws IOException {
        Headers responseHeaders = exchange.getResponseHeaders();
        responseHeaders.set("apigw-requestid", requestId);
        String text = output == null ? "" : new String(output, StandardCharsets.UTF_8).trim();
        JsonNode node = null;
        try {
            node = text.isEmpty() ? null : Json.parse(text);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.has("statusCode")) {
            if (node == null && !text.isEmpty()) {
                send(exchange, 500, message("Internal Server Error"));
                return;
            }
            responseHeaders.set("content-type", "application/json");
            if (node != null && node.isTextual()) {
                text = node.asText();
            }
            sendBytes(exchange, 200, text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        int status = node.path("statusCode").asInt(500);
        node.path("headers").properties().forEach(h -> {
            // with a CorsConfiguration, API Gateway's CORS headers replace the function's
            if (!(h.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-") && responseHeaders.containsKey("access-control-allow-origin"))) {
                responseHeaders.set(h.getKey(), h.getValue().asText());
            }
        });
        node.path("cookies").forEach(c -> responseHeaders.add("set-cookie", c.asText()));
        JsonNode bodyNode = node.get("body");
        byte[] body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = new byte[0];
        } else if (node.path("isBase64Encoded").asBoolean(false)) {
            body = Base64.getDecoder().decode(bodyNode.asText());
        } else {
            body = (bodyNode.isTextual() ? bodyNode.asText() : Json.write(bodyNode)).getBytes(StandardCharsets.UTF_8);
        }
        if (!responseHeaders.containsKey("content-type") && body.length > 0) {
            responseHeaders.set("content-type", "text/plain; charset=utf-8");
        }
        sendBytes(exchange, status, body);
    }

    // ------------------------------------------------------------------ /_local

    private void local(HttpExchange exchange, Wiring w, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals(ISSUER_PATH + "/.well-known/jwks.json")) {
            sendJson(exchange, 200, w.issuer().jwks());
            return;
        }
        if (method.equals("GET") && path.equals(ISSUER_PATH + "/.well-known/openid-configuration")) {
            sendJson(exchange, 200, w.issuer().openIdConfiguration());
            return;
        }
        if (method.equals("GET") && path.equals("/_local/health")) {
            ObjectNode health = Json.object();
            health.put("status", "ok");
            health.put("issuer", w.issuer().issuer());
            sendJson(exchange, 200, Json.write(health));
            return;
        }
        if (method.equals("POST") && path.equals("/_local/token")) {
            if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                send(exchange, 403, message("Forbidden"));
                return;
            }
            JsonNode request;
            try {
                request = body.length == 0 ? Json.object() : Json.parse(new String(body, StandardCharsets.UTF_8));
            } catch (IOException e) {
                send(exchange, 400, message("body must be JSON {\"user\":...,\"admin\":bool,\"ttl\":seconds}"));
                return;
            }
            try {
                String token = w.issuer().mint(request.path("user").asText(""), request.path("admin").asBoolean(false),
                        request.path("ttl").asLong(3600));
                ObjectNode response = Json.object();
                response.put("token", token);
                LOG.info("minted a token for user {}{}", request.path("user").asText(), request.path("admin").asBoolean(false) ? " (admin)" : "");
                sendJson(exchange, 200, Json.write(response));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, message(e.getMessage()));
            }
            return;
        }
        if (method.equals("POST") && path.startsWith("/_local/schedules/")) {
            String function = path.substring("/_local/schedules/".length());
            List<LocalFunction.Result> results = w.scheduler().trigger(function);
            if (results.isEmpty()) {
                send(exchange, 404, message("no schedule for function " + function));
                return;
            }
            ObjectNode response = Json.object();
            response.put("function", function);
            response.put("invocations", results.size());
            response.put("ok", results.stream().allMatch(LocalFunction.Result::ok));
            sendJson(exchange, 200, Json.write(response));
            return;
        }
        var extra = extraLocal.get(method + " " + path);
        if (extra != null) {
            sendJson(exchange, 200, extra.get());
            return;
        }
        send(exchange, 404, message("Not Found"));
    }

    // ------------------------------------------------------------------ responses

    private static ObjectNode message(String text) {
        ObjectNode node = Json.object();
        node.put("message", text);
        return node;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        sendJson(exchange, status, Json.write(body));
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("content-type", "application/json");
        sendBytes(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.meridian.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;

import java.io.IOException;
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
import java.util.UUID;

/**
 * API Gateway's HTTP API payload format 2.0: a request becomes the event a function reads, and
 * the function's output becomes the response ({statusCode, headers, cookies, body,
 * isBase64Encoded}, or plain JSON as 200).
 */
final class PayloadV2 {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private PayloadV2() {
    }

    /** The API Gateway HTTP API payload format 2.0 event. */
    static ObjectNode event(HttpExchange exchange, String apiId, RouteTable.Match match, JsonNode claims, byte[] body) {
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
        context.put("apiId", apiId);
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
    static void respond(HttpExchange exchange, byte[] output, String requestId) throws IOException {
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
                Responses.send(exchange, 500, Responses.message("Internal Server Error"));
                return;
            }
            responseHeaders.set("content-type", "application/json");
            if (node != null && node.isTextual()) {
                text = node.asText();
            }
            Responses.sendBytes(exchange, 200, text.getBytes(StandardCharsets.UTF_8));
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
        Responses.sendBytes(exchange, status, body);
    }
}

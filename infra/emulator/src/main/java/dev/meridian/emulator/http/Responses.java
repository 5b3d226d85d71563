package dev.meridian.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.meridian.common.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writing a response on an exchange: the gateway's one place for status, content type and body. */
final class Responses {

    private Responses() {
    }

    static ObjectNode message(String text) {
        ObjectNode node = Json.object();
        node.put("message", text);
        return node;
    }

    static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        sendJson(exchange, status, Json.write(body));
    }

    static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("content-type", "application/json");
        sendBytes(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean noBody = body.length == 0 || status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }
}

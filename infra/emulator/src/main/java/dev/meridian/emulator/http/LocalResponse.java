package dev.meridian.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

/** The answer of a {@code /_local} path: a status and a JSON document. */
public record LocalResponse(int status, String json) {

    public static LocalResponse json(int status, String json) {
        return new LocalResponse(status, json);
    }

    /** {@code {"message": text}}, the gateway's own error shape. */
    public static LocalResponse message(int status, String text) {
        ObjectNode node = Json.object();
        node.put("message", text);
        return new LocalResponse(status, Json.write(node));
    }
}

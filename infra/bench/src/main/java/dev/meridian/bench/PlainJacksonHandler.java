package dev.meridian.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A decomposition point between the plain handler and a Meridian function: the plain
 * handler's GetItem, plus what every Meridian handler does around it with Jackson — parse
 * the event into a tree, write the response from a tree. Not a target; it shows how much
 * of a function's cold start is Jackson.
 */
public final class PlainJacksonHandler implements RequestStreamHandler {

    private final PlainGetItemHandler plain = new PlainGetItemHandler();
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = mapper.readTree(input);
        var body = new java.io.ByteArrayOutputStream();
        plain.handleRequest(InputStream.nullInputStream(), body, context);
        ObjectNode response = mapper.createObjectNode();
        response.put("statusCode", 200);
        response.put("route", event.path("routeKey").asText());
        response.put("body", body.toString(java.nio.charset.StandardCharsets.UTF_8));
        mapper.writeValue(output, response);
    }
}

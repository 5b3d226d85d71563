package dev.meridian.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Edge validation of JSON request bodies: content type, size, strict parsing, and field
 * checks that name the field at fault ({@code lines[2].quantity}).
 *
 * <p>Unknown fields are rejected (400 naming the field): a misspelt {@code quantitty}
 * must not silently mean "use the default".
 */
public final class Body {

    /** Largest request body accepted, in bytes. */
    public static final int MAX_BYTES = 16 * 1024;

    private Body() {
    }

    /** Checks content type and size, then parses a JSON object. */
    public static JsonNode object(HttpApiRequest request) {
        String contentType = request.header("content-type").orElse("");
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw ApiException.unsupportedMediaType("content-type must be application/json");
        }
        byte[] bytes = request.body();
        if (bytes.length > MAX_BYTES) {
            throw ApiException.payloadTooLarge("body is " + bytes.length + " bytes; the limit is " + MAX_BYTES);
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("body", "body is required");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("body", "body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            // a parser limit (nesting depth, number length) reports no location
            var at = e.getLocation();
            throw ApiException.badRequest("body", at == null ? "body is not valid JSON or exceeds a parser limit"
                    : "body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("body", "body must be a JSON object");
        }
        return node;
    }

    /** Rejects any field of {@code node} not in {@code allowed}. */
    public static void onlyFields(JsonNode node, String path, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(join(path, safeName(name)), "unknown field; allowed fields are " + allowed.stream().sorted().toList());
            }
        }
    }

    public static JsonNode requireObject(JsonNode parent, String path, String field) {
        JsonNode value = parent.get(field);
        String at = join(path, field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(at, at + " is required");
        }
        if (!value.isObject()) {
            throw ApiException.badRequest(at, at + " must be an object");
        }
        return value;
    }

    public static JsonNode requireArray(JsonNode parent, String path, String field, int minItems, int maxItems) {
        JsonNode value = parent.get(field);
        String at = join(path, field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(at, at + " is required");
        }
        if (!value.isArray()) {
            throw ApiException.badRequest(at, at + " must be an array");
        }
        if (value.size() < minItems || value.size() > maxItems) {
            throw ApiException.badRequest(at, at + " must have between " + minItems + " and " + maxItems + " items");
        }
        return value;
    }

    /** A JSON string of 1..maxLength characters matching {@code pattern} (never echoed back). */
    public static String requireString(JsonNode parent, String path, String field, int maxLength, Pattern pattern, String rule) {
        JsonNode value = parent.get(field);
        String at = join(path, field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(at, at + " is required");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(at, at + " must be a string");
        }
        String text = value.asText();
        if (text.isEmpty() || text.length() > maxLength) {
            throw ApiException.badRequest(at, at + " must be 1 to " + maxLength + " characters");
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            throw ApiException.badRequest(at, at + " " + rule);
        }
        return text;
    }

    /** A JSON integer (no fraction, no string) within [min, max]. */
    public static long requireInteger(JsonNode parent, String path, String field, long min, long max) {
        JsonNode value = parent.get(field);
        String at = join(path, field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(at, at + " is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.badRequest(at, at + " must be an integer between " + min + " and " + max);
        }
        long n = value.asLong();
        if (n < min || n > max) {
            throw ApiException.badRequest(at, at + " must be an integer between " + min + " and " + max);
        }
        return n;
    }

    public static String join(String path, String field) {
        return path == null || path.isEmpty() ? field : path + "." + field;
    }

    /** Field names come from the client: bound and strip them before they go into a message. */
    private static String safeName(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9_\\-]", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "..." : cleaned;
    }
}

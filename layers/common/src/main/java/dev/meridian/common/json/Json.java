package dev.meridian.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Meridian's JSON: one configuration for every parse and every write.
 *
 * <p>Parsing is strict where it matters for money: duplicate keys are an error (a body
 * {@code {"quantity":1,"quantity":1000}} must not mean whichever came last), trailing
 * content after the value is an error, {@code NaN}/{@code Infinity} are not numbers, and
 * floating point numbers are kept exact ({@code BigDecimal}). Request bodies are then
 * validated field by field (see {@code dev.meridian.common.http.Body}).
 *
 * <p>Trees ({@link JsonNode}) are read and written with Jackson's streaming parser and
 * generator directly, not through an {@link ObjectMapper}: building and first using a
 * mapper loads several hundred classes (bean introspection, annotation proxies, date
 * formats) that a handler working on trees never needs, and those classes are a large
 * part of a function's cold start (see docs/benchmarks.md). The mapper is built on first
 * use, for callers that bind objects ({@link #write(Object)} with a non-tree value,
 * {@link #convert}, {@link #mapper()}); it has the same parser features.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** The object mapper, for callers that bind Java objects; built on first use. */
    public static ObjectMapper mapper() {
        return MapperHolder.MAPPER;
    }

    private static final class MapperHolder {
        static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY.copy())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Parses JSON text; malformed input raises {@link JsonProcessingException}. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return readTree(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON from a string", e);
        }
    }

    /** Parses JSON that Meridian itself produced or AWS delivered: failure is a fault, not client input. */
    public static JsonNode parseTrusted(String text) {
        try {
            return parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON from a trusted source: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode parseTrusted(InputStream in) {
        try (JsonParser parser = FACTORY.createParser(in)) {
            return readTree(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("malformed JSON from a trusted source", e);
        }
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        return mapper().convertValue(node, type);
    }

    /** JSON text of a tree, or of any other value through the mapper. */
    public static String write(Object value) {
        if (value instanceof JsonNode node) {
            StringWriter out = new StringWriter();
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                writeTree(generator, node);
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise a " + node.getNodeType() + " node", e);
            }
            return out.toString();
        }
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** UTF-8 JSON of a tree, or of any other value through the mapper. */
    public static byte[] writeBytes(Object value) {
        if (value instanceof JsonNode node) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            try (JsonGenerator generator = FACTORY.createGenerator(out)) {
                writeTree(generator, node);
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise a " + node.getNodeType() + " node", e);
            }
            return out.toByteArray();
        }
        try {
            return mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Reads a text field, or null when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    // ------------------------------------------------------------------ streaming tree I/O

    /**
     * One JSON value and nothing after it; empty input is {@link MissingNode}. Iterative, so
     * nesting is bounded by the parser's nesting limit, never by the thread's stack.
     */
    static JsonNode readTree(JsonParser p) throws IOException {
        JsonToken token = p.nextToken();
        if (token == null) {
            return MissingNode.getInstance();
        }
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        String field = null;
        JsonNode root = null;
        while (root == null) {
            JsonNode value;
            switch (token) {
                case START_OBJECT -> {
                    ObjectNode object = NODES.objectNode();
                    attach(open, field, object);
                    open.push(object);
                    field = null;
                    token = p.nextToken();
                    continue;
                }
                case START_ARRAY -> {
                    ArrayNode array = NODES.arrayNode();
                    attach(open, field, array);
                    open.push(array);
                    field = null;
                    token = p.nextToken();
                    continue;
                }
                case FIELD_NAME -> {
                    field = p.currentName();
                    token = p.nextToken();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> {
                    ContainerNode<?> closed = open.pop();
                    if (open.isEmpty()) {
                        root = closed;
                    }
                    token = p.nextToken();
                    continue;
                }
                case VALUE_STRING -> value = NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> value = switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> value = NODES.numberNode(p.getDecimalValue());
                case VALUE_TRUE -> value = NODES.booleanNode(true);
                case VALUE_FALSE -> value = NODES.booleanNode(false);
                case VALUE_NULL -> value = NODES.nullNode();
                default -> throw new JsonParseException(p, "unexpected token " + token);
            }
            if (open.isEmpty()) {
                root = value;
            } else {
                attach(open, field, value);
                field = null;
                token = p.nextToken();
            }
        }
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new JsonParseException(p, "trailing token (" + trailing + ") after the JSON value");
        }
        return root;
    }

    private static void attach(Deque<ContainerNode<?>> open, String field, JsonNode value) {
        ContainerNode<?> parent = open.peek();
        if (parent instanceof ObjectNode object) {
            object.set(field, value);
        } else if (parent instanceof ArrayNode array) {
            array.add(value);
        }
    }

    /** Writes a tree depth first; containers nest as deep as the tree does (trees Meridian builds are shallow). */
    static void writeTree(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    writeTree(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : node) {
                    writeTree(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case DOUBLE -> g.writeNumber(node.doubleValue());
                    default -> g.writeNumber(node.decimalValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case BINARY -> g.writeBinary(node.binaryValue());
            case MISSING -> throw new IllegalArgumentException("a missing node has no JSON form");
            default -> g.writeObject(node);
        }
    }
}

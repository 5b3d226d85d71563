package dev.meridian.dynamodb.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.meridian.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Items in DynamoDB's wire JSON ({@code {"name": {"S": "x"}, ...}}): encoding to and decoding from
 * bytes (the stored form, trusted), and writing into response trees. Reading untrusted request
 * values, with DynamoDB's validation, is {@link AttributeJson}.
 */
public final class ItemJson {

    private ItemJson() {
    }

    public static byte[] encode(Map<String, AttributeValue> item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            writeItem(g, item);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding an item in memory", e);
        }
        return out.toByteArray();
    }

    public static void writeItem(JsonGenerator g, Map<String, AttributeValue> item) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
    }

    public static void writeValue(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        if (v instanceof AttributeValue.S s) {
            g.writeStringField("S", s.value());
        } else if (v instanceof AttributeValue.N n) {
            g.writeStringField("N", n.text());
        } else if (v instanceof AttributeValue.B b) {
            g.writeStringField("B", b.base64());
        } else if (v instanceof AttributeValue.BOOL b) {
            g.writeBooleanField("BOOL", b.value());
        } else if (v instanceof AttributeValue.NULL) {
            g.writeBooleanField("NULL", true);
        } else if (v instanceof AttributeValue.SS ss) {
            g.writeArrayFieldStart("SS");
            for (String s : ss.values()) g.writeString(s);
            g.writeEndArray();
        } else if (v instanceof AttributeValue.NS ns) {
            g.writeArrayFieldStart("NS");
            for (BigDecimal d : ns.values()) g.writeString(dev.meridian.dynamodb.model.Numbers.format(d));
            g.writeEndArray();
        } else if (v instanceof AttributeValue.BS bs) {
            g.writeArrayFieldStart("BS");
            for (AttributeValue.B b : bs.values()) g.writeString(b.base64());
            g.writeEndArray();
        } else if (v instanceof AttributeValue.M m) {
            g.writeFieldName("M");
            writeItem(g, m.values());
        } else if (v instanceof AttributeValue.L l) {
            g.writeArrayFieldStart("L");
            for (AttributeValue e : l.values()) writeValue(g, e);
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Decodes a stored item (bytes this class encoded). */
    public static Map<String, AttributeValue> decode(byte[] bytes) {
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            p.nextToken();
            return readItem(p);
        } catch (IOException e) {
            throw new UncheckedIOException("decoding a stored item", e);
        }
    }

    private static Map<String, AttributeValue> readItem(JsonParser p) throws IOException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            item.put(name, readValue(p));
        }
        return item;
    }

    private static AttributeValue readValue(JsonParser p) throws IOException {
        p.nextToken();
        String type = p.currentName();
        p.nextToken();
        AttributeValue v;
        switch (type) {
            case "S" -> v = new AttributeValue.S(p.getText());
            case "N" -> v = AttributeValue.N.of(p.getText());
            case "B" -> v = new AttributeValue.B(Base64.getDecoder().decode(p.getText()));
            case "BOOL" -> v = p.getBooleanValue() ? AttributeValue.BOOL.TRUE : AttributeValue.BOOL.FALSE;
            case "NULL" -> v = AttributeValue.NULL.INSTANCE;
            case "SS" -> {
                Set<String> s = new LinkedHashSet<>();
                while (p.nextToken() != JsonToken.END_ARRAY) s.add(p.getText());
                v = new AttributeValue.SS(s);
            }
            case "NS" -> {
                Set<BigDecimal> s = new LinkedHashSet<>();
                while (p.nextToken() != JsonToken.END_ARRAY) s.add(new BigDecimal(p.getText()));
                v = new AttributeValue.NS(s);
            }
            case "BS" -> {
                Set<AttributeValue.B> s = new LinkedHashSet<>();
                while (p.nextToken() != JsonToken.END_ARRAY) s.add(new AttributeValue.B(Base64.getDecoder().decode(p.getText())));
                v = new AttributeValue.BS(s);
            }
            case "M" -> v = new AttributeValue.M(readItem(p));
            case "L" -> {
                List<AttributeValue> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(readValue(p));
                }
                v = new AttributeValue.L(l);
            }
            default -> throw new IOException("unknown stored type " + type);
        }
        p.nextToken(); // END_OBJECT of the value
        return v;
    }

    /** The item as a response tree node: what {@link #writeItem} writes, so the wire form has one definition. */
    public static ObjectNode toNode(Map<String, AttributeValue> item) {
        return tree(g -> writeItem(g, item));
    }

    /** The value as a response tree node: what {@link #writeValue} writes. */
    public static ObjectNode toNode(AttributeValue v) {
        return tree(g -> writeValue(g, v));
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /** The one JSON object {@code writer} writes, as a tree (through an in-memory token buffer). */
    private static ObjectNode tree(Writer writer) {
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            writer.write(buffer);
            try (JsonParser p = buffer.asParser()) {
                return (ObjectNode) Json.MAPPER.readTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building an item's response tree in memory", e);
        }
    }

    /** Convenience for tests and plugins: a tree node back to an item, trusting its shape. */
    public static Map<String, AttributeValue> fromNode(JsonNode node) {
        return AttributeJson.item(node, "Item");
    }
}

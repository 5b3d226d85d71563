package dev.meridian.emulator.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Base64;
import java.util.Map;

/** DynamoDB JSON ({@code {"S":"x"}}, {@code {"N":"1"}}, ...) as stream events carry it. */
final class AttributeJson {

    private AttributeJson() {
    }

    static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode out = Json.object();
        item.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    static ObjectNode value(AttributeValue v) {
        ObjectNode out = Json.object();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", b64(v.b()));
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case SS -> v.ss().forEach(out.putArray("SS")::add);
            case NS -> v.ns().forEach(out.putArray("NS")::add);
            case BS -> {
                ArrayNode a = out.putArray("BS");
                v.bs().forEach(b -> a.add(b64(b)));
            }
            case L -> {
                ArrayNode a = out.putArray("L");
                v.l().forEach(x -> a.add(value(x)));
            }
            case M -> out.set("M", image(v.m()));
            default -> throw new IllegalArgumentException("unknown attribute value type " + v.type());
        }
        return out;
    }

    private static String b64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}

package dev.meridian.common.stream;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record of a DynamoDB stream event as Lambda delivers it, with its images turned
 * into SDK attribute values.
 */
public record StreamRecord(String eventName, String sequenceNumber, String awsRegion,
                           Map<String, AttributeValue> keys,
                           Map<String, AttributeValue> newImage,
                           Map<String, AttributeValue> oldImage) {

    public static List<StreamRecord> fromEvent(JsonNode event) {
        List<StreamRecord> records = new ArrayList<>();
        for (JsonNode r : event.path("Records")) {
            JsonNode ddb = r.path("dynamodb");
            records.add(new StreamRecord(
                    r.path("eventName").asText(""),
                    ddb.path("SequenceNumber").asText(""),
                    r.path("awsRegion").asText(""),
                    image(ddb.get("Keys")),
                    image(ddb.get("NewImage")),
                    image(ddb.get("OldImage"))));
        }
        return records;
    }

    public static Map<String, AttributeValue> image(JsonNode node) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(), attribute(e.getValue())));
        return out;
    }

    /** Converts DynamoDB JSON ({@code {"S":"x"}}, {@code {"N":"1"}}, ...) to an SDK value. */
    public static AttributeValue attribute(JsonNode node) {
        var field = node.fields().next();
        JsonNode v = field.getValue();
        return switch (field.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(v));
            case "NS" -> AttributeValue.fromNs(texts(v));
            case "BS" -> AttributeValue.fromBs(texts(v).stream().map(s -> SdkBytes.fromByteArray(Base64.getDecoder().decode(s))).toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(item -> list.add(attribute(item)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(image(v));
            default -> throw new IllegalArgumentException("unknown DynamoDB attribute type " + field.getKey());
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

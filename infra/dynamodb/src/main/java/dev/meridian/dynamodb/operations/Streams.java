package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** StreamSpecification of CreateTable and UpdateTable. */
final class Streams {

    static final List<String> VIEW_TYPES = List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Streams() {
    }

    static String viewType(JsonNode spec, boolean enabled) {
        String v = Requests.choice(spec, "StreamViewType", "streamSpecification.streamViewType", VIEW_TYPES, null);
        if (enabled && v == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream");
        }
        if (!enabled && v != null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: StreamViewType can only be specified when StreamEnabled is true");
        }
        return v;
    }

    /** A new stream's label: the time it was enabled. */
    static String label(long epochMillis) {
        return LABEL.format(Instant.ofEpochMilli(epochMillis));
    }
}

package dev.meridian.common.batch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** One SQS record of a Lambda SQS event. */
public record SqsMessage(String messageId, String body, int approximateReceiveCount, String messageGroupId,
                         String eventSourceArn) {

    public static List<SqsMessage> fromEvent(JsonNode event) {
        List<SqsMessage> out = new ArrayList<>();
        for (JsonNode r : event.path("Records")) {
            JsonNode attributes = r.path("attributes");
            out.add(new SqsMessage(
                    r.path("messageId").asText(),
                    r.path("body").asText(""),
                    attributes.path("ApproximateReceiveCount").asInt(1),
                    attributes.hasNonNull("MessageGroupId") ? attributes.get("MessageGroupId").asText() : null,
                    r.path("eventSourceARN").asText("")));
        }
        return out;
    }

    public boolean isFifo() {
        return eventSourceArn.endsWith(".fifo");
    }
}

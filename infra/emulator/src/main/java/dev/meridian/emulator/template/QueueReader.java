package dev.meridian.emulator.template;

import dev.meridian.common.json.Json;
import dev.meridian.emulator.template.Specs.Queue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.meridian.emulator.template.TemplateValues.map;
import static dev.meridian.emulator.template.TemplateValues.str;

/** {@code AWS::SQS::Queue}: attributes and the redrive policy. */
final class QueueReader extends ResourceReader {

    QueueReader(Reading reading) {
        super(reading);
    }

    void queue(String id, Map<String, Object> props) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String a : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
                "MaximumMessageSize", "FifoQueue", "ContentBasedDeduplication")) {
            String v = intrinsics.string(props.get(a));
            if (v != null) {
                attributes.put(a, v);
            }
        }
        String dlq = null;
        Integer maxReceive = null;
        Object redrive = resolve(props.get("RedrivePolicy"));
        if (redrive instanceof String s) {
            redrive = Json.convert(Json.parseTrusted(s), Map.class);
        }
        Map<String, Object> policy = map(redrive);
        if (!policy.isEmpty()) {
            String arn = str(policy.get("deadLetterTargetArn"));
            dlq = logicalIdByArn(arn, "AWS::SQS::Queue");
            if (dlq == null) {
                throw new IllegalArgumentException("RedrivePolicy deadLetterTargetArn " + arn + " is not a queue of this template");
            }
            maxReceive = Integer.parseInt(str(policy.get("maxReceiveCount")));
        }
        boolean fifo = Boolean.parseBoolean(attributes.getOrDefault("FifoQueue", "false"));
        queues.put(id, new Queue(id, name(id), fifo, attributes, dlq, maxReceive));
    }
}

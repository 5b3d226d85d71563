package dev.meridian.emulator.template;

import dev.meridian.common.json.Json;
import dev.meridian.emulator.template.Specs.Function;
import dev.meridian.emulator.template.Specs.Queue;
import dev.meridian.emulator.template.Specs.Rule;
import dev.meridian.emulator.template.Specs.Schedule;
import dev.meridian.emulator.template.Specs.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.meridian.emulator.template.TemplateValues.list;
import static dev.meridian.emulator.template.TemplateValues.map;
import static dev.meridian.emulator.template.TemplateValues.str;

/** {@code AWS::Events::Rule}: pattern, bus and queue or function targets. */
final class RuleReader extends ResourceReader {

    RuleReader(Reading reading) {
        super(reading);
    }

    void rule(String id, Map<String, Object> props) {
        if (props.containsKey("ScheduleExpression")) {
            throw new IllegalArgumentException("ScheduleExpression on an AWS::Events::Rule (use a function's Schedule event)");
        }
        String state = props.containsKey("State") ? intrinsics.string(props.get("State")) : "ENABLED";
        if (!"ENABLED".equals(state)) {
            notices.add(id + " (AWS::Events::Rule): State " + state + ", not matched");
            return;
        }
        String pattern = Json.write(resolve(props.get("EventPattern")));
        String bus = busName(intrinsics, props.get("EventBusName"));
        List<Target> targets = new ArrayList<>();
        for (Object t : list(props.get("Targets"))) {
            Map<String, Object> raw = map(t);
            Map<String, Object> target = map(resolve(raw));
            String targetId = str(target.get("Id"));
            if (target.containsKey("InputTransformer")) {
                throw new IllegalArgumentException("target " + targetId + ": InputTransformer");
            }
            String arn = str(target.get("Arn"));
            String queue = logicalIdByArn(arn, "AWS::SQS::Queue");
            String function = queue == null ? logicalIdByArn(arn, "AWS::Serverless::Function") : null;
            if (queue == null && function == null) {
                throw new IllegalArgumentException("target " + targetId + " (" + arn + "): only SQS queues and functions of this template are supported as rule targets");
            }
            String groupId = str(map(target.get("SqsParameters")).get("MessageGroupId"));
            targets.add(new Target(targetId, queue, function, str(target.get("Input")), str(target.get("InputPath")), groupId));
        }
        rules.add(new Rule(id, name(id), bus, pattern, targets));
    }

    static String busName(Intrinsics intrinsics, Object raw) {
        if (raw == null) {
            return "default";
        }
        String value = intrinsics.string(raw);
        int slash = value.lastIndexOf("event-bus/");
        return slash >= 0 ? value.substring(slash + "event-bus/".length()) : value;
    }
}

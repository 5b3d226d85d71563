package dev.meridian.emulator.template;

import dev.meridian.emulator.template.Specs.Function;
import dev.meridian.emulator.template.Specs.HttpApi;
import dev.meridian.emulator.template.Specs.Schedule;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.meridian.emulator.template.TemplateValues.map;
import static dev.meridian.emulator.template.TemplateValues.merge;
import static dev.meridian.emulator.template.TemplateValues.str;

/** {@code AWS::Serverless::Function} (with Globals.Function): handler, settings, and its events. */
final class FunctionReader extends ResourceReader {

    private final EventSourceReader events;

    FunctionReader(Reading reading) {
        super(reading);
        this.events = new EventSourceReader(reading);
    }

    void function(String id, Map<String, Object> ownProps) {
        Map<String, Object> props = merge(globalFunction, ownProps);
        String runtime = str(resolve(props.get("Runtime")));
        if (runtime != null && !runtime.startsWith("java")) {
            throw new IllegalArgumentException("Runtime " + runtime + " (only Java handlers on the runtime's classpath run locally)");
        }
        if ("Image".equals(str(resolve(props.get("PackageType")))) || props.containsKey("InlineCode")) {
            throw new IllegalArgumentException("PackageType Image / InlineCode (only Java handlers on the classpath)");
        }
        if (props.containsKey("FunctionUrlConfig")) {
            throw new IllegalArgumentException("FunctionUrlConfig (function URLs)");
        }
        String handler = intrinsics.string(props.get("Handler"));
        if (handler == null) {
            throw new IllegalArgumentException("Handler is required");
        }
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String handlerMethod = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        int timeout = Integer.parseInt(String.valueOf(resolve(props.getOrDefault("Timeout", 3))));
        int memory = Integer.parseInt(String.valueOf(resolve(props.getOrDefault("MemorySize", 128))));
        Map<String, String> env = new LinkedHashMap<>();
        for (var e : map(resolve(map(props.get("Environment")).get("Variables"))).entrySet()) {
            env.put(e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        Integer reserved = null;
        if (props.get("ReservedConcurrentExecutions") != null) {
            reserved = integer(props.get("ReservedConcurrentExecutions"), 0);
            if (reserved < 0) {
                throw new IllegalArgumentException("ReservedConcurrentExecutions " + reserved + " is negative");
            }
            if (reserved == 0) {
                notices.add(id + ": ReservedConcurrentExecutions 0, every invocation is throttled");
            }
        }
        functions.put(id, new Function(id, name(id), handlerClass, handlerMethod, timeout, memory, env, reserved));
        for (var e : map(props.get("Events")).entrySet()) {
            Map<String, Object> event = map(e.getValue());
            String eventType = String.valueOf(event.get("Type"));
            Map<String, Object> ep = map(event.get("Properties"));
            String where = "event " + e.getKey() + " (" + eventType + ")";
            try {
                switch (eventType) {
                    case "HttpApi" -> events.route(id, e.getKey(), ep);
                    case "SQS" -> events.sqsSource(id, e.getKey(), ep, timeout);
                    case "DynamoDB" -> events.streamSource(id, e.getKey(), ep);
                    case "Schedule", "ScheduleV2" -> events.schedule(id, e.getKey(), eventType, ep);
                    case "EventBridgeRule", "CloudWatchEvent" -> events.functionRule(id, e.getKey(), ep);
                    default -> throw new IllegalArgumentException("event source type " + eventType);
                }
            } catch (Intrinsics.Unsupported | IllegalArgumentException ex) {
                problems.add(id + " (AWS::Serverless::Function): " + where + ": " + ex.getMessage());
            }
        }
    }
}

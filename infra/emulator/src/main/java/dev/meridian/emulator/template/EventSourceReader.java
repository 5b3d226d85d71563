package dev.meridian.emulator.template;

import dev.meridian.common.json.Json;
import dev.meridian.emulator.template.Specs.FunctionRule;
import dev.meridian.emulator.template.Specs.HttpApi;
import dev.meridian.emulator.template.Specs.Queue;
import dev.meridian.emulator.template.Specs.Route;
import dev.meridian.emulator.template.Specs.Schedule;
import dev.meridian.emulator.template.Specs.SqsSource;
import dev.meridian.emulator.template.Specs.StreamSource;
import dev.meridian.emulator.template.Specs.Table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.meridian.emulator.template.TemplateValues.list;
import static dev.meridian.emulator.template.TemplateValues.map;
import static dev.meridian.emulator.template.TemplateValues.str;

/** A function's events: HttpApi routes, SQS and DynamoDB stream sources, schedules, EventBridge rules. */
final class EventSourceReader extends ResourceReader {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    EventSourceReader(Reading reading) {
        super(reading);
    }

    void route(String fn, String eventName, Map<String, Object> ep) {
        Object apiRef = ep.get("ApiId");
        String api = apiRef == null ? StackModel.IMPLICIT_HTTP_API : refTarget(apiRef);
        if (api == null || (!apis.containsKey(api) && !api.equals(StackModel.IMPLICIT_HTTP_API))) {
            throw new IllegalArgumentException("ApiId " + apiRef + " is not an AWS::Serverless::HttpApi of this template");
        }
        if (api.equals(StackModel.IMPLICIT_HTTP_API) && !apis.containsKey(api)) {
            new HttpApiReader(reading).httpApi(StackModel.IMPLICIT_HTTP_API, Map.of());
        }
        String version = str(resolve(ep.get("PayloadFormatVersion")));
        if (version != null && !version.equals("2.0")) {
            throw new IllegalArgumentException("PayloadFormatVersion " + version + " (only 2.0)");
        }
        String path = str(resolve(ep.get("Path")));
        String method = str(resolve(ep.get("Method")));
        if (path == null) {
            path = "$default";
            method = "ANY";
        }
        method = method == null ? "ANY" : method.toUpperCase(Locale.ROOT);
        Map<String, Object> auth = map(resolve(ep.get("Auth")));
        HttpApi spec = apis.get(api);
        String authorizer = auth.containsKey("Authorizer") ? str(auth.get("Authorizer")) : spec.defaultAuthorizer();
        if ("NONE".equals(authorizer)) {
            authorizer = null;
        }
        if (authorizer != null && !spec.authorizers().containsKey(authorizer)) {
            throw new IllegalArgumentException("Auth.Authorizer " + authorizer + " is not declared on " + api);
        }
        List<String> scopes = new ArrayList<>();
        list(auth.get("AuthorizationScopes")).forEach(s -> scopes.add(String.valueOf(s)));
        routes.add(new Route(fn, eventName, api, method, path, authorizer, scopes));
    }

    void sqsSource(String fn, String eventName, Map<String, Object> ep, int functionTimeout) {
        if (!enabledFlag(ep)) {
            notices.add(fn + ": event " + eventName + " (SQS) Enabled false, not polled");
            return;
        }
        String arn = intrinsics.string(ep.get("Queue"));
        String queue = logicalIdByArn(arn, "AWS::SQS::Queue");
        if (queue == null) {
            throw new IllegalArgumentException("Queue " + arn + " is not a queue of this template");
        }
        int visibility = queues.get(queue).visibilityTimeoutSeconds();
        if (visibility < functionTimeout) {
            throw new IllegalArgumentException("queue " + queue + " VisibilityTimeout " + visibility + " s is less than the function's Timeout "
                    + functionTimeout + " s (AWS refuses to create this mapping)");
        }
        int batch = integer(ep.get("BatchSize"), 10);
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("BatchSize " + batch + " is out of range 1..10000");
        }
        int window = integer(ep.get("MaximumBatchingWindowInSeconds"), 0);
        if (batch > 10 && window < 1) {
            throw new IllegalArgumentException("BatchSize above 10 needs MaximumBatchingWindowInSeconds >= 1 (as in AWS)");
        }
        Integer maximumConcurrency = null;
        Map<String, Object> scaling = map(resolve(ep.get("ScalingConfig")));
        if (scaling.get("MaximumConcurrency") != null) {
            maximumConcurrency = integer(scaling.get("MaximumConcurrency"), 0);
            if (maximumConcurrency < 2 || maximumConcurrency > 1000) {
                throw new IllegalArgumentException("ScalingConfig.MaximumConcurrency " + maximumConcurrency + " is out of range 2..1000");
            }
        }
        sqsSources.add(new SqsSource(fn, eventName, queue, batch, window, reportsFailures(ep), filters(ep), maximumConcurrency));
    }

    void streamSource(String fn, String eventName, Map<String, Object> ep) {
        if (!enabledFlag(ep)) {
            notices.add(fn + ": event " + eventName + " (DynamoDB) Enabled false, not polled");
            return;
        }
        String arn = intrinsics.string(ep.get("Stream"));
        String table = null;
        for (Table t : tables.values()) {
            if (streamArn(t.tableName()).equals(arn)) {
                table = t.logicalId();
            }
        }
        if (table == null) {
            throw new IllegalArgumentException("Stream " + arn + " is not the stream of a table of this template");
        }
        if (tables.get(table).streamViewType() == null) {
            throw new IllegalArgumentException("table " + table + " has no StreamSpecification");
        }
        String position = str(resolve(ep.get("StartingPosition")));
        if (!"TRIM_HORIZON".equals(position) && !"LATEST".equals(position)) {
            throw new IllegalArgumentException("StartingPosition " + position + " (TRIM_HORIZON or LATEST)");
        }
        if (ep.containsKey("TumblingWindowInSeconds")) {
            throw new IllegalArgumentException("TumblingWindowInSeconds (tumbling windows)");
        }
        int maxAge = integer(ep.get("MaximumRecordAgeInSeconds"), -1);
        if (maxAge != -1 && (maxAge < 60 || maxAge > 604_800)) {
            throw new IllegalArgumentException("MaximumRecordAgeInSeconds " + maxAge + " is out of range (-1 or 60..604800)");
        }
        if (ep.containsKey("StartingPositionTimestamp")) {
            throw new IllegalArgumentException("StartingPositionTimestamp (AT_TIMESTAMP)");
        }
        String onFailure = null;
        Map<String, Object> destination = map(map(map(resolve(ep.get("DestinationConfig"))).get("OnFailure")));
        if (!destination.isEmpty()) {
            String destinationArn = str(destination.get("Destination"));
            onFailure = logicalIdByArn(destinationArn, "AWS::SQS::Queue");
            if (onFailure == null) {
                throw new IllegalArgumentException("DestinationConfig.OnFailure " + destinationArn + " (only SQS queues of this template)");
            }
        }
        int batch = integer(ep.get("BatchSize"), 100);
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("BatchSize " + batch + " is out of range 1..10000");
        }
        int parallelization = integer(ep.get("ParallelizationFactor"), 1);
        if (parallelization < 1 || parallelization > 10) {
            throw new IllegalArgumentException("ParallelizationFactor " + parallelization + " is out of range 1..10");
        }
        if (parallelization > 1) {
            notices.add(fn + ": event " + eventName + " (DynamoDB) ParallelizationFactor " + parallelization
                    + " runs as 1 locally (one batch per shard at a time: ordering as strict as Lambda's, or stricter)");
        }
        streamSources.add(new StreamSource(fn, eventName, table, position, batch,
                integer(ep.get("MaximumBatchingWindowInSeconds"), 0), reportsFailures(ep),
                integer(ep.get("MaximumRetryAttempts"), -1), maxAge,
                Boolean.parseBoolean(String.valueOf(resolve(ep.getOrDefault("BisectBatchOnFunctionError", false)))),
                filters(ep), onFailure, parallelization));
    }

    void schedule(String fn, String eventName, String type, Map<String, Object> ep) {
        boolean v2 = type.equals("ScheduleV2");
        String expression = intrinsics.string(ep.get(v2 ? "ScheduleExpression" : "Schedule"));
        String state = ep.containsKey("State") ? intrinsics.string(ep.get("State")) : "ENABLED";
        boolean enabled = enabledFlag(ep) && "ENABLED".equals(state);
        if (expression == null) {
            throw new IllegalArgumentException((v2 ? "ScheduleExpression" : "Schedule") + " is required");
        }
        Matcher m = RATE.matcher(expression.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("schedule expression " + expression + " (only rate(N minute|minutes|hour|hours|day|days))");
        }
        long n = Long.parseLong(m.group(1));
        Duration rate = switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        String name = ep.containsKey("Name") ? intrinsics.string(ep.get("Name")) : fn + "-" + eventName;
        Object input = resolve(ep.get("Input"));
        schedules.add(new Schedule(fn, eventName, expression, enabled ? rate : null,
                input == null ? null : input instanceof String s ? s : Json.write(input), v2, name));
    }

    void functionRule(String fn, String eventName, Map<String, Object> ep) {
        if (ep.containsKey("InputTransformer")) {
            throw new IllegalArgumentException("InputTransformer");
        }
        String state = ep.containsKey("State") ? intrinsics.string(ep.get("State")) : "ENABLED";
        if (!"ENABLED".equals(state) || !enabledFlag(ep)) {
            notices.add(fn + ": event " + eventName + " disabled");
            return;
        }
        functionRules.add(new FunctionRule(fn, eventName, RuleReader.busName(intrinsics, ep.get("EventBusName")), Json.write(resolve(ep.get("Pattern"))),
                str(resolve(ep.get("Input"))), str(resolve(ep.get("InputPath")))));
    }

    private boolean enabledFlag(Map<String, Object> ep) {
        return !ep.containsKey("Enabled") || Boolean.parseBoolean(String.valueOf(resolve(ep.get("Enabled"))));
    }

    private boolean reportsFailures(Map<String, Object> ep) {
        return list(resolve(ep.get("FunctionResponseTypes"))).stream().map(String::valueOf).anyMatch("ReportBatchItemFailures"::equals);
    }

    private List<String> filters(Map<String, Object> ep) {
        List<String> out = new ArrayList<>();
        for (Object f : list(map(resolve(ep.get("FilterCriteria"))).get("Filters"))) {
            Object pattern = map(f).get("Pattern");
            out.add(pattern instanceof String s ? s : Json.write(pattern));
        }
        return out;
    }
}

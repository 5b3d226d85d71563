package dev.meridian.local.template;

import dev.meridian.common.json.Json;
import dev.meridian.local.template.Specs.Bus;
import dev.meridian.local.template.Specs.Endpoints;
import dev.meridian.local.template.Specs.Function;
import dev.meridian.local.template.Specs.FunctionRule;
import dev.meridian.local.template.Specs.HttpApi;
import dev.meridian.local.template.Specs.Index;
import dev.meridian.local.template.Specs.JwtAuthorizer;
import dev.meridian.local.template.Specs.KeyElement;
import dev.meridian.local.template.Specs.Queue;
import dev.meridian.local.template.Specs.Route;
import dev.meridian.local.template.Specs.Rule;
import dev.meridian.local.template.Specs.Schedule;
import dev.meridian.local.template.Specs.SqsSource;
import dev.meridian.local.template.Specs.StreamSource;
import dev.meridian.local.template.Specs.Table;
import dev.meridian.local.template.Specs.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAM template interpreted for the local runtime: parameters, conditions and
 * intrinsics resolved, every resource turned into a spec, or reported.
 *
 * <p>Nothing here knows Meridian's own resource names: the template decides. Resources
 * without local meaning are listed in {@link #notEmulated()}; a feature that would change
 * behaviour and is not implemented makes {@link #load} throw a {@link TemplateException}
 * naming every such resource and feature.
 */
public final class StackModel {

    public static final String ACCOUNT_ID = "000000000000";
    /** The audience of local tokens; the template's UserPoolClient id resolves to it. */
    public static final String LOCAL_CLIENT_ID = "meridian-local-client";
    public static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";

    private static final Set<String> NOT_EMULATED_PREFIXES = Set.of("AWS::IAM::", "AWS::KMS::", "AWS::CloudWatch::",
            "AWS::Logs::", "AWS::Cognito::", "AWS::Route53::", "AWS::CertificateManager::", "AWS::SNS::",
            "AWS::CloudFormation::", "AWS::XRay::");
    private static final Set<String> NOT_EMULATED = Set.of("AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion",
            "AWS::SQS::QueuePolicy", "AWS::Lambda::Permission", "AWS::Events::Archive", "AWS::ApiGatewayV2::ApiMapping",
            "AWS::ApiGatewayV2::DomainName", "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Events::EventBusPolicy",
            "AWS::Scheduler::ScheduleGroup", "AWS::Lambda::EventInvokeConfig");
    private static final Set<String> NOT_EMULATED_PREFIXES_EXTRA = Set.of("AWS::ApplicationAutoScaling::", "AWS::Budgets::");
    private static final Set<String> STREAM_VIEW_TYPES = Set.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    private final String stackName;
    private final String region;
    private final Endpoints endpoints;
    private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> parameterTypes = new LinkedHashMap<>();
    private final Map<String, Object> globalFunction;
    private final Map<String, Object> globalHttpApi;
    private final Intrinsics intrinsics;
    private final List<String> problems = new ArrayList<>();

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Bus> buses = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final Map<String, HttpApi> apis = new LinkedHashMap<>();
    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<SqsSource> sqsSources = new ArrayList<>();
    private final List<StreamSource> streamSources = new ArrayList<>();
    private final List<Schedule> schedules = new ArrayList<>();
    private final List<FunctionRule> functionRules = new ArrayList<>();
    private final List<String> notEmulated = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private StackModel(Map<String, Object> template, Map<String, String> overrides, String stackName, String region,
                       Endpoints endpoints) {
        this.stackName = stackName;
        this.region = region;
        this.endpoints = endpoints;
        Map<String, Object> globals = map(template.get("Globals"));
        this.globalFunction = map(globals.get("Function"));
        this.globalHttpApi = map(globals.get("HttpApi"));
        map(template.get("Resources")).forEach((id, r) -> resources.put(id, map(r)));
        Map<String, Object> params = map(template.get("Parameters"));
        for (var e : params.entrySet()) {
            Map<String, Object> p = map(e.getValue());
            parameterTypes.put(e.getKey(), String.valueOf(p.getOrDefault("Type", "String")));
            Object value = overrides.containsKey(e.getKey()) ? overrides.get(e.getKey()) : p.get("Default");
            if (value == null) {
                // only an error where an emulated resource refers to it (see TemplateScope.ref)
                continue;
            } else {
                List<?> allowed = p.get("AllowedValues") instanceof List<?> l ? l : null;
                if (allowed != null && allowed.stream().map(String::valueOf).noneMatch(String.valueOf(value)::equals)) {
                    problems.add("parameter " + e.getKey() + ": value '" + value + "' is not in AllowedValues " + allowed);
                }
                parameters.put(e.getKey(), String.valueOf(value));
            }
        }
        for (String key : overrides.keySet()) {
            if (!params.containsKey(key)) {
                problems.add("parameter " + key + ": --param names a parameter the template does not declare");
            }
        }
        this.intrinsics = new Intrinsics(new TemplateScope(), map(template.get("Conditions")), map(template.get("Mappings")));
        Object transform = template.get("Transform");
        List<?> transforms = transform instanceof List<?> l ? l : transform == null ? List.of() : List.of(transform);
        for (Object t : transforms) {
            if (!"AWS::Serverless-2016-10-31".equals(String.valueOf(t))) {
                problems.add("template: Transform " + t + " is not supported (only AWS::Serverless-2016-10-31)");
            }
        }
    }

    /**
     * Interprets a template.
     *
     * @throws TemplateException listing every unsupported feature, each with its resource
     */
    public static StackModel load(Map<String, Object> template, Map<String, String> parameterOverrides, String stackName,
                                  String region, Endpoints endpoints) {
        StackModel model = new StackModel(template, parameterOverrides, stackName, region, endpoints);
        model.interpret();
        if (!model.problems.isEmpty()) {
            throw new TemplateException(model.problems);
        }
        return model;
    }

    private void interpret() {
        if (!problems.isEmpty()) {
            return;
        }
        // resources other than functions first: functions refer to their APIs, queues and tables
        for (int pass = 0; pass < 2; pass++) {
            for (var e : resources.entrySet()) {
                String id = e.getKey();
                String type = type(id);
                boolean isFunction = type.equals("AWS::Serverless::Function");
                if ((pass == 0) == isFunction) {
                    continue;
                }
                try {
                    if (!enabled(id)) {
                        notices.add(id + " (" + type + "): condition " + e.getValue().get("Condition") + " is false, not created");
                        continue;
                    }
                    Map<String, Object> props = map(e.getValue().get("Properties"));
                    switch (type) {
                        case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> table(id, type, props);
                        case "AWS::SQS::Queue" -> queue(id, props);
                        case "AWS::Events::EventBus" -> buses.put(id, new Bus(id, name(id)));
                        case "AWS::Events::Rule" -> rule(id, props);
                        case "AWS::Serverless::HttpApi" -> httpApi(id, props);
                        case "AWS::Serverless::Function" -> function(id, props);
                        default -> {
                            if (isNotEmulated(type)) {
                                notEmulated.add(id + " (" + type + ")");
                            } else {
                                problems.add(id + " (" + type + "): resource type " + type + " is not supported");
                            }
                        }
                    }
                } catch (Intrinsics.Unsupported | IllegalArgumentException ex) {
                    problems.add(id + " (" + type + "): " + ex.getMessage());
                }
            }
        }
    }

    private static boolean isNotEmulated(String type) {
        return NOT_EMULATED.contains(type) || NOT_EMULATED_PREFIXES.stream().anyMatch(type::startsWith)
                || NOT_EMULATED_PREFIXES_EXTRA.stream().anyMatch(type::startsWith);
    }

    private boolean enabled(String id) {
        Object condition = resources.get(id).get("Condition");
        return condition == null || intrinsics.condition(String.valueOf(condition));
    }

    // ---------------------------------------------------------------- tables

    private void table(String id, String type, Map<String, Object> props) {
        List<KeyElement> keys = keySchema(props.get("KeySchema"), "KeySchema");
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (Object a : list(resolve(props.get("AttributeDefinitions")))) {
            Map<String, Object> m = map(a);
            attributeTypes.put(str(m.get("AttributeName")), str(m.get("AttributeType")));
        }
        List<Index> gsis = indexes(props.get("GlobalSecondaryIndexes"));
        List<Index> lsis = indexes(props.get("LocalSecondaryIndexes"));
        for (KeyElement k : keys) {
            if (!attributeTypes.containsKey(k.attribute())) {
                throw new IllegalArgumentException("key attribute " + k.attribute() + " has no AttributeDefinitions entry");
            }
        }
        Map<String, Object> stream = map(resolve(props.get("StreamSpecification")));
        String viewType = stream.isEmpty() ? null : str(stream.get("StreamViewType"));
        if (type.equals("AWS::DynamoDB::GlobalTable") && viewType == null && !list(resolve(props.get("Replicas"))).isEmpty()
                && list(resolve(props.get("Replicas"))).size() > 1) {
            throw new IllegalArgumentException("a GlobalTable with several replicas needs StreamSpecification");
        }
        if (viewType != null && !STREAM_VIEW_TYPES.contains(viewType)) {
            throw new IllegalArgumentException("StreamViewType " + viewType + " is not one of " + STREAM_VIEW_TYPES);
        }
        Map<String, Object> ttl = map(resolve(props.get("TimeToLiveSpecification")));
        String ttlAttribute = Boolean.parseBoolean(String.valueOf(ttl.get("Enabled"))) ? str(ttl.get("AttributeName")) : null;
        tables.put(id, new Table(id, type, name(id), keys, attributeTypes, gsis, lsis, viewType, ttlAttribute));
    }

    private List<KeyElement> keySchema(Object raw, String what) {
        List<KeyElement> keys = new ArrayList<>();
        for (Object k : list(resolve(raw))) {
            Map<String, Object> m = map(k);
            keys.add(new KeyElement(str(m.get("AttributeName")), str(m.get("KeyType"))));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return keys;
    }

    private List<Index> indexes(Object raw) {
        List<Index> out = new ArrayList<>();
        for (Object i : list(resolve(raw))) {
            Map<String, Object> m = map(i);
            Map<String, Object> projection = map(m.get("Projection"));
            List<String> nonKey = new ArrayList<>();
            list(projection.get("NonKeyAttributes")).forEach(a -> nonKey.add(String.valueOf(a)));
            out.add(new Index(str(m.get("IndexName")), keySchema(m.get("KeySchema"), "KeySchema of index " + m.get("IndexName")),
                    String.valueOf(projection.getOrDefault("ProjectionType", "ALL")), nonKey));
        }
        return out;
    }

    // ---------------------------------------------------------------- queues, bus, rules

    private void queue(String id, Map<String, Object> props) {
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

    private void rule(String id, Map<String, Object> props) {
        if (props.containsKey("ScheduleExpression")) {
            throw new IllegalArgumentException("ScheduleExpression on an AWS::Events::Rule (use a function's Schedule event)");
        }
        String state = props.containsKey("State") ? intrinsics.string(props.get("State")) : "ENABLED";
        if (!"ENABLED".equals(state)) {
            notices.add(id + " (AWS::Events::Rule): State " + state + ", not matched");
            return;
        }
        String pattern = Json.write(resolve(props.get("EventPattern")));
        String bus = busName(props.get("EventBusName"));
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

    private String busName(Object raw) {
        if (raw == null) {
            return "default";
        }
        String value = intrinsics.string(raw);
        int slash = value.lastIndexOf("event-bus/");
        return slash >= 0 ? value.substring(slash + "event-bus/".length()) : value;
    }

    // ---------------------------------------------------------------- HTTP API

    private void httpApi(String id, Map<String, Object> ownProps) {
        Map<String, Object> props = merge(globalHttpApi, ownProps);
        if (props.containsKey("DefinitionBody") || props.containsKey("DefinitionUri")) {
            throw new IllegalArgumentException("OpenAPI DefinitionBody/DefinitionUri (declare routes as function HttpApi events)");
        }
        Map<String, Object> auth = map(props.get("Auth"));
        Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
        for (var e : map(auth.get("Authorizers")).entrySet()) {
            Map<String, Object> a = map(e.getValue());
            if (a.containsKey("FunctionArn")) {
                throw new IllegalArgumentException("Lambda authorizer " + e.getKey() + " (only JWT authorizers are supported)");
            }
            Map<String, Object> jwt = map(resolve(a.get("JwtConfiguration")));
            List<String> audiences = new ArrayList<>();
            list(jwt.get("audience")).forEach(x -> audiences.add(String.valueOf(x)));
            String identitySource = a.containsKey("IdentitySource") ? intrinsics.string(a.get("IdentitySource")) : "$request.header.Authorization";
            if (!identitySource.startsWith("$request.header.")) {
                throw new IllegalArgumentException("authorizer " + e.getKey() + ": IdentitySource " + identitySource + " (only $request.header.<name>)");
            }
            authorizers.put(e.getKey(), new JwtAuthorizer(e.getKey(), identitySource, str(jwt.get("issuer")), audiences));
        }
        String defaultAuthorizer = auth.containsKey("DefaultAuthorizer") ? intrinsics.string(auth.get("DefaultAuthorizer")) : null;
        if (Boolean.parseBoolean(String.valueOf(auth.get("EnableIamAuthorizer")))) {
            throw new IllegalArgumentException("EnableIamAuthorizer (IAM authorization)");
        }
        if (defaultAuthorizer != null && !authorizers.containsKey(defaultAuthorizer)) {
            throw new IllegalArgumentException("DefaultAuthorizer " + defaultAuthorizer + " is not declared under Auth.Authorizers");
        }
        apis.put(id, new HttpApi(id, apiId(id), authorizers, defaultAuthorizer, cors(resolve(props.get("CorsConfiguration")))));
    }

    private static Specs.Cors cors(Object raw) {
        if (raw == null || Boolean.FALSE.equals(raw) || "false".equals(String.valueOf(raw))) {
            return null;
        }
        if (Boolean.TRUE.equals(raw) || "true".equals(String.valueOf(raw))) {
            return new Specs.Cors(List.of("*"), List.of("*"), List.of("*"), List.of(), null, false);
        }
        Map<String, Object> c = map(raw);
        Object maxAge = c.get("MaxAge");
        return new Specs.Cors(strings(c.get("AllowOrigins")), strings(c.get("AllowHeaders")), strings(c.get("AllowMethods")),
                strings(c.get("ExposeHeaders")), maxAge == null ? null : Integer.parseInt(String.valueOf(maxAge)),
                Boolean.parseBoolean(String.valueOf(c.get("AllowCredentials"))));
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        list(v).forEach(x -> out.add(String.valueOf(x)));
        return out;
    }

    private static String apiId(String logicalId) {
        return logicalId.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- functions

    private void function(String id, Map<String, Object> ownProps) {
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
                    case "HttpApi" -> route(id, e.getKey(), ep);
                    case "SQS" -> sqsSource(id, e.getKey(), ep, timeout);
                    case "DynamoDB" -> streamSource(id, e.getKey(), ep);
                    case "Schedule", "ScheduleV2" -> schedule(id, e.getKey(), eventType, ep);
                    case "EventBridgeRule", "CloudWatchEvent" -> functionRule(id, e.getKey(), ep);
                    default -> throw new IllegalArgumentException("event source type " + eventType);
                }
            } catch (Intrinsics.Unsupported | IllegalArgumentException ex) {
                problems.add(id + " (AWS::Serverless::Function): " + where + ": " + ex.getMessage());
            }
        }
    }

    private void route(String fn, String eventName, Map<String, Object> ep) {
        Object apiRef = ep.get("ApiId");
        String api = apiRef == null ? IMPLICIT_HTTP_API : refTarget(apiRef);
        if (api == null || (!apis.containsKey(api) && !api.equals(IMPLICIT_HTTP_API))) {
            throw new IllegalArgumentException("ApiId " + apiRef + " is not an AWS::Serverless::HttpApi of this template");
        }
        if (api.equals(IMPLICIT_HTTP_API) && !apis.containsKey(api)) {
            httpApi(IMPLICIT_HTTP_API, Map.of());
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

    private void sqsSource(String fn, String eventName, Map<String, Object> ep, int functionTimeout) {
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

    private void streamSource(String fn, String eventName, Map<String, Object> ep) {
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

    private void schedule(String fn, String eventName, String type, Map<String, Object> ep) {
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

    private void functionRule(String fn, String eventName, Map<String, Object> ep) {
        if (ep.containsKey("InputTransformer")) {
            throw new IllegalArgumentException("InputTransformer");
        }
        String state = ep.containsKey("State") ? intrinsics.string(ep.get("State")) : "ENABLED";
        if (!"ENABLED".equals(state) || !enabledFlag(ep)) {
            notices.add(fn + ": event " + eventName + " disabled");
            return;
        }
        functionRules.add(new FunctionRule(fn, eventName, busName(ep.get("EventBusName")), Json.write(resolve(ep.get("Pattern"))),
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

    // ---------------------------------------------------------------- names and references

    private String type(String id) {
        return String.valueOf(resources.get(id).get("Type"));
    }

    /** The physical name of a resource: its declared name property, or a local default. */
    private String name(String id) {
        Map<String, Object> props = map(resources.get(id).get("Properties"));
        String type = type(id);
        String property = switch (type) {
            case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> "TableName";
            case "AWS::SQS::Queue" -> "QueueName";
            case "AWS::Events::EventBus", "AWS::Events::Rule" -> "Name";
            case "AWS::Serverless::Function" -> "FunctionName";
            default -> null;
        };
        String declared = property == null ? null : intrinsics.string(props.get(property));
        if (declared != null) {
            return declared;
        }
        if (type.equals("AWS::SQS::Queue") && Boolean.parseBoolean(String.valueOf(resolve(props.get("FifoQueue"))))) {
            return id + ".fifo";
        }
        return id;
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT_ID + ":" + resource;
    }

    private String streamArn(String tableName) {
        return arn("dynamodb", "table/" + tableName + "/stream/local");
    }

    public String queueUrl(String queueName) {
        return endpoints.sqs() + "/" + ACCOUNT_ID + "/" + queueName;
    }

    private String logicalIdByArn(String arn, String type) {
        if (arn == null) {
            return null;
        }
        for (String id : resources.keySet()) {
            if (!type(id).equals(type) && !(type.equals("AWS::DynamoDB::Table") && type(id).equals("AWS::DynamoDB::GlobalTable"))) {
                continue;
            }
            String candidate = switch (type) {
                case "AWS::SQS::Queue" -> arn("sqs", name(id));
                case "AWS::Serverless::Function" -> arn("lambda", "function:" + name(id));
                default -> null;
            };
            if (arn.equals(candidate)) {
                return id;
            }
        }
        return null;
    }

    private String refTarget(Object raw) {
        if (raw instanceof Map<?, ?> m && m.containsKey("Ref")) {
            return String.valueOf(m.get("Ref"));
        }
        return null;
    }

    private final class TemplateScope implements Intrinsics.Scope {
        @Override
        public Object ref(String name) {
            switch (name) {
                case "AWS::Region":
                    return region;
                case "AWS::AccountId":
                    return ACCOUNT_ID;
                case "AWS::StackName":
                    return stackName;
                case "AWS::StackId":
                    return arn("cloudformation", "stack/" + stackName + "/local");
                case "AWS::Partition":
                    return "aws";
                case "AWS::URLSuffix":
                    return "amazonaws.com";
                case "AWS::NotificationARNs":
                    return new ArrayList<>();
                default:
                    break;
            }
            if (parameters.containsKey(name)) {
                String value = parameters.get(name);
                String type = parameterTypes.getOrDefault(name, "String");
                if (type.startsWith("List<") || type.equals("CommaDelimitedList")) {
                    return new ArrayList<>(List.of(value.split("\\s*,\\s*")));
                }
                return value;
            }
            if (parameterTypes.containsKey(name)) {
                throw new Intrinsics.Unsupported("parameter " + name + " has no Default; pass --param " + name + "=VALUE");
            }
            if (name.equals(IMPLICIT_HTTP_API)) {
                return apiId(name);
            }
            if (!resources.containsKey(name)) {
                throw new Intrinsics.Unsupported("Ref " + name + ": no such parameter or resource");
            }
            String type = type(name);
            return switch (type) {
                case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Events::EventBus", "AWS::Events::Rule",
                        "AWS::Serverless::Function" -> name(name);
                case "AWS::SQS::Queue" -> queueUrl(name(name));
                case "AWS::Serverless::HttpApi" -> apiId(name);
                case "AWS::Cognito::UserPoolClient" -> LOCAL_CLIENT_ID;
                case "AWS::Cognito::UserPool" -> region + "_local";
                default -> {
                    if (isNotEmulated(type)) {
                        yield "local-" + name;
                    }
                    throw new Intrinsics.Unsupported("Ref " + name + " of type " + type);
                }
            };
        }

        @Override
        public Object getAtt(String id, String attribute) {
            if (id.equals(IMPLICIT_HTTP_API) && attribute.equals("ApiEndpoint")) {
                return endpoints.api();
            }
            if (!resources.containsKey(id)) {
                throw new Intrinsics.Unsupported("Fn::GetAtt " + id + "." + attribute + ": no such resource");
            }
            String type = type(id);
            String key = type + "." + attribute;
            switch (key) {
                case "AWS::DynamoDB::Table.Arn", "AWS::DynamoDB::GlobalTable.Arn":
                    return arn("dynamodb", "table/" + name(id));
                case "AWS::DynamoDB::Table.StreamArn", "AWS::DynamoDB::GlobalTable.StreamArn":
                    return streamArn(name(id));
                case "AWS::SQS::Queue.Arn":
                    return arn("sqs", name(id));
                case "AWS::SQS::Queue.QueueName":
                    return name(id);
                case "AWS::SQS::Queue.QueueUrl":
                    return queueUrl(name(id));
                case "AWS::Events::EventBus.Arn":
                    return arn("events", "event-bus/" + name(id));
                case "AWS::Events::EventBus.Name":
                    return name(id);
                case "AWS::Events::Rule.Arn":
                    return arn("events", "rule/" + name(id));
                case "AWS::Serverless::Function.Arn":
                    return arn("lambda", "function:" + name(id));
                case "AWS::Serverless::HttpApi.ApiEndpoint":
                    return endpoints.api();
                case "AWS::Serverless::HttpApi.ApiId":
                    return apiId(id);
                case "AWS::Cognito::UserPool.ProviderURL":
                    return endpoints.issuer();
                case "AWS::Cognito::UserPool.ProviderName":
                    return endpoints.issuer().replaceFirst("^https?://", "");
                case "AWS::Cognito::UserPool.UserPoolId":
                    return region + "_local";
                case "AWS::Cognito::UserPoolClient.ClientId":
                    return LOCAL_CLIENT_ID;
                default:
                    break;
            }
            if (isNotEmulated(type)) {
                return attribute.equals("Arn") ? arn(type.split("::")[1].toLowerCase(Locale.ROOT), id) : "local-" + id + "-" + attribute;
            }
            throw new Intrinsics.Unsupported("Fn::GetAtt " + id + "." + attribute + " (" + type + ")");
        }
    }

    // ---------------------------------------------------------------- helpers

    private Object resolve(Object raw) {
        return raw == null ? null : intrinsics.resolve(raw);
    }

    private int integer(Object raw, int defaultValue) {
        Object v = resolve(raw);
        return v == null ? defaultValue : Integer.parseInt(String.valueOf(v).trim());
    }

    private static String str(Object v) {
        return v == null || v == Intrinsics.NO_VALUE ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    /** SAM Globals semantics: the resource's properties win; maps (Environment.Variables) merge. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(globals);
        for (var e : own.entrySet()) {
            Object g = out.get(e.getKey());
            if (g instanceof Map<?, ?> gm && e.getValue() instanceof Map<?, ?> om && !isIntrinsic(om)) {
                out.put(e.getKey(), merge((Map<String, Object>) gm, (Map<String, Object>) om));
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean isIntrinsic(Map<?, ?> m) {
        if (m.size() != 1) {
            return false;
        }
        String k = String.valueOf(m.keySet().iterator().next());
        return k.equals("Ref") || k.startsWith("Fn::");
    }

    // ---------------------------------------------------------------- accessors

    public String stackName() {
        return stackName;
    }

    public String region() {
        return region;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public Map<String, Table> tables() {
        return tables;
    }

    public Map<String, Queue> queues() {
        return queues;
    }

    public Map<String, Bus> buses() {
        return buses;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Map<String, HttpApi> apis() {
        return apis;
    }

    public Map<String, Function> functions() {
        return functions;
    }

    public List<Route> routes() {
        return routes;
    }

    public List<SqsSource> sqsSources() {
        return sqsSources;
    }

    public List<StreamSource> streamSources() {
        return streamSources;
    }

    public List<Schedule> schedules() {
        return schedules;
    }

    public List<FunctionRule> functionRules() {
        return functionRules;
    }

    public List<String> notEmulated() {
        return notEmulated;
    }

    public List<String> notices() {
        return notices;
    }

    public String queueArn(String queueLogicalId) {
        return arn("sqs", queues.get(queueLogicalId).queueName());
    }

    public String functionArn(String functionLogicalId) {
        return arn("lambda", "function:" + functions.get(functionLogicalId).functionName());
    }

    public String ruleArn(String ruleName) {
        return arn("events", "rule/" + ruleName);
    }

    public String tableArn(String tableName) {
        return arn("dynamodb", "table/" + tableName);
    }
}

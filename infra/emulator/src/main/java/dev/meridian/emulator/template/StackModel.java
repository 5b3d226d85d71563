package dev.meridian.emulator.template;

import dev.meridian.emulator.template.Specs.Bus;
import dev.meridian.emulator.template.Specs.Endpoints;
import dev.meridian.emulator.template.Specs.Function;
import dev.meridian.emulator.template.Specs.FunctionRule;
import dev.meridian.emulator.template.Specs.HttpApi;
import dev.meridian.emulator.template.Specs.Queue;
import dev.meridian.emulator.template.Specs.Route;
import dev.meridian.emulator.template.Specs.Rule;
import dev.meridian.emulator.template.Specs.Schedule;
import dev.meridian.emulator.template.Specs.SqsSource;
import dev.meridian.emulator.template.Specs.StreamSource;
import dev.meridian.emulator.template.Specs.Table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SAM template interpreted for the local runtime: parameters, conditions and
 * intrinsics resolved, every resource turned into a spec, or reported.
 *
 * <p>Nothing here knows an application's resource names: the template decides. Resources
 * without local meaning are listed in {@link #notEmulated()}; a feature that would change
 * behaviour and is not implemented makes {@link #load} throw a {@link TemplateException}
 * naming every such resource and feature.
 */
public final class StackModel {


    public static final String ACCOUNT_ID = "000000000000";
    /** The audience of local tokens; the template's UserPoolClient id resolves to it. */
    public static final String LOCAL_CLIENT_ID = "local-client";
    public static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";

    private final String stackName;
    private final String region;
    private final Endpoints endpoints;
    private final Map<String, Table> tables;
    private final Map<String, Queue> queues;
    private final Map<String, Bus> buses;
    private final List<Rule> rules;
    private final Map<String, HttpApi> apis;
    private final Map<String, Function> functions;
    private final List<Route> routes;
    private final List<SqsSource> sqsSources;
    private final List<StreamSource> streamSources;
    private final List<Schedule> schedules;
    private final List<FunctionRule> functionRules;
    private final List<String> notEmulated;
    private final List<String> notices;

    private StackModel(Reading r) {
        this.stackName = r.stackName;
        this.region = r.region;
        this.endpoints = r.endpoints;
        this.tables = new LinkedHashMap<>(r.tables);
        this.queues = new LinkedHashMap<>(r.queues);
        this.buses = new LinkedHashMap<>(r.buses);
        this.rules = List.copyOf(r.rules);
        this.apis = new LinkedHashMap<>(r.apis);
        this.functions = new LinkedHashMap<>(r.functions);
        this.routes = List.copyOf(r.routes);
        this.sqsSources = List.copyOf(r.sqsSources);
        this.streamSources = List.copyOf(r.streamSources);
        this.schedules = List.copyOf(r.schedules);
        this.functionRules = List.copyOf(r.functionRules);
        this.notEmulated = List.copyOf(r.notEmulated);
        this.notices = List.copyOf(r.notices);
    }

    /**
     * Interprets a template.
     *
     * @throws TemplateException listing every unsupported feature, each with its resource
     */
    public static StackModel load(Map<String, Object> template, Map<String, String> parameterOverrides, String stackName,
                                  String region, Endpoints endpoints) {
        Reading reading = new Reading(template, parameterOverrides, stackName, region, endpoints);
        interpret(reading);
        if (!reading.problems.isEmpty()) {
            throw new TemplateException(reading.problems);
        }
        return new StackModel(reading);
    }

    private static void interpret(Reading r) {
        if (!r.problems.isEmpty()) {
            return;
        }
        TableReader tables = new TableReader(r);
        QueueReader queues = new QueueReader(r);
        RuleReader rules = new RuleReader(r);
        HttpApiReader apis = new HttpApiReader(r);
        FunctionReader functions = new FunctionReader(r);
        // resources other than functions first: functions refer to their APIs, queues and tables
        for (int pass = 0; pass < 2; pass++) {
            for (var e : r.resources.entrySet()) {
                String id = e.getKey();
                String type = r.references.type(id);
                boolean isFunction = type.equals("AWS::Serverless::Function");
                if ((pass == 0) == isFunction) {
                    continue;
                }
                try {
                    if (!enabled(r, id)) {
                        r.notices.add(id + " (" + type + "): condition " + e.getValue().get("Condition") + " is false, not created");
                        continue;
                    }
                    Map<String, Object> props = TemplateValues.map(e.getValue().get("Properties"));
                    switch (type) {
                        case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> tables.table(id, type, props);
                        case "AWS::SQS::Queue" -> queues.queue(id, props);
                        case "AWS::Events::EventBus" -> r.buses.put(id, new Bus(id, r.references.name(id)));
                        case "AWS::Events::Rule" -> rules.rule(id, props);
                        case "AWS::Serverless::HttpApi" -> apis.httpApi(id, props);
                        case "AWS::Serverless::Function" -> functions.function(id, props);
                        default -> {
                            if (References.isNotEmulated(type)) {
                                r.notEmulated.add(id + " (" + type + ")");
                            } else {
                                r.problems.add(id + " (" + type + "): resource type " + type + " is not supported");
                            }
                        }
                    }
                } catch (Intrinsics.Unsupported | IllegalArgumentException ex) {
                    r.problems.add(id + " (" + type + "): " + ex.getMessage());
                }
            }
        }
    }

    private static boolean enabled(Reading r, String id) {
        Object condition = r.resources.get(id).get("Condition");
        return condition == null || r.intrinsics.condition(String.valueOf(condition));
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
        return Collections.unmodifiableMap(tables);
    }

    public Map<String, Queue> queues() {
        return Collections.unmodifiableMap(queues);
    }

    public Map<String, Bus> buses() {
        return Collections.unmodifiableMap(buses);
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public Map<String, HttpApi> apis() {
        return Collections.unmodifiableMap(apis);
    }

    public Map<String, Function> functions() {
        return Collections.unmodifiableMap(functions);
    }

    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    public List<SqsSource> sqsSources() {
        return Collections.unmodifiableList(sqsSources);
    }

    public List<StreamSource> streamSources() {
        return Collections.unmodifiableList(streamSources);
    }

    public List<Schedule> schedules() {
        return Collections.unmodifiableList(schedules);
    }

    public List<FunctionRule> functionRules() {
        return Collections.unmodifiableList(functionRules);
    }

    public List<String> notEmulated() {
        return Collections.unmodifiableList(notEmulated);
    }

    public List<String> notices() {
        return Collections.unmodifiableList(notices);
    }

    /** The URL of a queue by its physical name, as {@code Ref} gives it. */
    public String queueUrl(String queueName) {
        return endpoints.sqs() + "/" + ACCOUNT_ID + "/" + queueName;
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + ACCOUNT_ID + ":" + resource;
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

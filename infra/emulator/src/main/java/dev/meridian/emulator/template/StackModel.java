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

    /** The finished reading; nothing changes it once {@link #load} returns. */
    private final Reading r;

    private StackModel(Reading r) {
        this.r = r;
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
        return r.stackName;
    }

    public String region() {
        return r.region;
    }

    public Endpoints endpoints() {
        return r.endpoints;
    }

    public Map<String, Table> tables() {
        return Collections.unmodifiableMap(r.tables);
    }

    public Map<String, Queue> queues() {
        return Collections.unmodifiableMap(r.queues);
    }

    public Map<String, Bus> buses() {
        return Collections.unmodifiableMap(r.buses);
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(r.rules);
    }

    public Map<String, HttpApi> apis() {
        return Collections.unmodifiableMap(r.apis);
    }

    public Map<String, Function> functions() {
        return Collections.unmodifiableMap(r.functions);
    }

    public List<Route> routes() {
        return Collections.unmodifiableList(r.routes);
    }

    public List<SqsSource> sqsSources() {
        return Collections.unmodifiableList(r.sqsSources);
    }

    public List<StreamSource> streamSources() {
        return Collections.unmodifiableList(r.streamSources);
    }

    public List<Schedule> schedules() {
        return Collections.unmodifiableList(r.schedules);
    }

    public List<FunctionRule> functionRules() {
        return Collections.unmodifiableList(r.functionRules);
    }

    public List<String> notEmulated() {
        return Collections.unmodifiableList(r.notEmulated);
    }

    public List<String> notices() {
        return Collections.unmodifiableList(r.notices);
    }

    /** The URL of a queue by its physical name, as {@code Ref} gives it. */
    public String queueUrl(String queueName) {
        return r.endpoints.sqs() + "/" + ACCOUNT_ID + "/" + queueName;
    }

    private String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + r.region + ":" + ACCOUNT_ID + ":" + resource;
    }

    public String queueArn(String queueLogicalId) {
        return arn("sqs", r.queues.get(queueLogicalId).queueName());
    }

    public String functionArn(String functionLogicalId) {
        return arn("lambda", "function:" + r.functions.get(functionLogicalId).functionName());
    }

    public String ruleArn(String ruleName) {
        return arn("events", "rule/" + ruleName);
    }

    public String tableArn(String tableName) {
        return arn("dynamodb", "table/" + tableName);
    }
}

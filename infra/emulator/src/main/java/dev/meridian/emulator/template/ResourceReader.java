package dev.meridian.emulator.template;

import dev.meridian.emulator.template.Specs.Bus;
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

import java.util.List;
import java.util.Map;

/** What every resource reader shares: the reading in progress, intrinsics and references. */
abstract class ResourceReader {

    protected final Reading reading;
    protected final Intrinsics intrinsics;
    protected final Map<String, Table> tables;
    protected final Map<String, Queue> queues;
    protected final Map<String, Bus> buses;
    protected final List<Rule> rules;
    protected final Map<String, HttpApi> apis;
    protected final Map<String, Function> functions;
    protected final List<Route> routes;
    protected final List<SqsSource> sqsSources;
    protected final List<StreamSource> streamSources;
    protected final List<Schedule> schedules;
    protected final List<FunctionRule> functionRules;
    protected final List<String> notices;
    protected final List<String> problems;
    protected final Map<String, Object> globalFunction;
    protected final Map<String, Object> globalHttpApi;

    protected ResourceReader(Reading reading) {
        this.reading = reading;
        this.intrinsics = reading.intrinsics;
        this.tables = reading.tables;
        this.queues = reading.queues;
        this.buses = reading.buses;
        this.rules = reading.rules;
        this.apis = reading.apis;
        this.functions = reading.functions;
        this.routes = reading.routes;
        this.sqsSources = reading.sqsSources;
        this.streamSources = reading.streamSources;
        this.schedules = reading.schedules;
        this.functionRules = reading.functionRules;
        this.notices = reading.notices;
        this.problems = reading.problems;
        this.globalFunction = reading.globalFunction;
        this.globalHttpApi = reading.globalHttpApi;
    }

    protected Object resolve(Object raw) {
        return reading.resolve(raw);
    }

    protected int integer(Object raw, int defaultValue) {
        Object v = resolve(raw);
        return v == null ? defaultValue : Integer.parseInt(String.valueOf(v).trim());
    }

    protected String name(String id) {
        return reading.references.name(id);
    }

    protected String logicalIdByArn(String arn, String type) {
        return reading.references.logicalIdByArn(arn, type);
    }

    protected String streamArn(String tableName) {
        return reading.references.streamArn(tableName);
    }

    protected String refTarget(Object raw) {
        return References.refTarget(raw);
    }
}

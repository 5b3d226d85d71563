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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.meridian.emulator.template.TemplateValues.map;

/** One reading of a template in progress: what the readers have found so far, and the problems. */
final class Reading {

    final String stackName;
    final String region;
    final Endpoints endpoints;
    final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
    final Map<String, Object> globalFunction;
    final Map<String, Object> globalHttpApi;
    final List<String> problems = new ArrayList<>();
    final Parameters parameters;
    final References references = new References(this);
    final Intrinsics intrinsics;

    final Map<String, Table> tables = new LinkedHashMap<>();
    final Map<String, Queue> queues = new LinkedHashMap<>();
    final Map<String, Bus> buses = new LinkedHashMap<>();
    final List<Rule> rules = new ArrayList<>();
    final Map<String, HttpApi> apis = new LinkedHashMap<>();
    final Map<String, Function> functions = new LinkedHashMap<>();
    final List<Route> routes = new ArrayList<>();
    final List<SqsSource> sqsSources = new ArrayList<>();
    final List<StreamSource> streamSources = new ArrayList<>();
    final List<Schedule> schedules = new ArrayList<>();
    final List<FunctionRule> functionRules = new ArrayList<>();
    final List<String> notEmulated = new ArrayList<>();
    final List<String> notices = new ArrayList<>();

    Reading(Map<String, Object> template, Map<String, String> overrides, String stackName, String region, Endpoints endpoints) {
        this.stackName = stackName;
        this.region = region;
        this.endpoints = endpoints;
        Map<String, Object> globals = map(template.get("Globals"));
        this.globalFunction = map(globals.get("Function"));
        this.globalHttpApi = map(globals.get("HttpApi"));
        map(template.get("Resources")).forEach((id, r) -> resources.put(id, map(r)));
        this.parameters = new Parameters(map(template.get("Parameters")), overrides, problems);
        this.intrinsics = new Intrinsics(references.new Scope(), map(template.get("Conditions")), map(template.get("Mappings")));
        Object transform = template.get("Transform");
        List<?> transforms = transform instanceof List<?> l ? l : transform == null ? List.of() : List.of(transform);
        for (Object t : transforms) {
            if (!"AWS::Serverless-2016-10-31".equals(String.valueOf(t))) {
                problems.add("template: Transform " + t + " is not supported (only AWS::Serverless-2016-10-31)");
            }
        }
    }

    Object resolve(Object raw) {
        return raw == null ? null : intrinsics.resolve(raw);
    }
}

package dev.meridian.emulator.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.meridian.emulator.template.TemplateValues.map;

/**
 * The template's parameters: each one's value ({@code --param} override, else its Default), checked
 * against AllowedValues. A parameter without a value is an error only where an emulated resource
 * refers to it.
 */
final class Parameters {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();

    /** Adds every problem (a value not allowed, an override of an undeclared parameter) to {@code problems}. */
    Parameters(Map<String, Object> declared, Map<String, String> overrides, List<String> problems) {
        for (var e : declared.entrySet()) {
            Map<String, Object> p = map(e.getValue());
            types.put(e.getKey(), String.valueOf(p.getOrDefault("Type", "String")));
            Object value = overrides.containsKey(e.getKey()) ? overrides.get(e.getKey()) : p.get("Default");
            if (value == null) {
                continue;
            }
            List<?> allowed = p.get("AllowedValues") instanceof List<?> l ? l : null;
            if (allowed != null && allowed.stream().map(String::valueOf).noneMatch(String.valueOf(value)::equals)) {
                problems.add("parameter " + e.getKey() + ": value '" + value + "' is not in AllowedValues " + allowed);
            }
            values.put(e.getKey(), String.valueOf(value));
        }
        for (String key : overrides.keySet()) {
            if (!declared.containsKey(key)) {
                problems.add("parameter " + key + ": --param names a parameter the template does not declare");
            }
        }
    }

    boolean declares(String name) {
        return types.containsKey(name);
    }

    /** What {@code Ref name} gives: the value, a list for list types. */
    Object ref(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new Intrinsics.Unsupported("parameter " + name + " has no Default; pass --param " + name + "=VALUE");
        }
        String type = types.getOrDefault(name, "String");
        if (type.startsWith("List<") || type.equals("CommaDelimitedList")) {
            return new ArrayList<>(List.of(value.split("\\s*,\\s*")));
        }
        return value;
    }
}

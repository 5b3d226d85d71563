package dev.meridian.common.config;

import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one function: the environment variables the template declares.
 *
 * <p>Handlers read configuration only through this type, so the local runtime can run
 * many functions in one JVM, each with the environment its template declares.
 */
public final class Environment {

    private final Map<String, String> values;

    private Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Environment of(Map<String, String> values) {
        return new Environment(values);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** A required variable; a missing one is a deployment error, reported at start-up. */
    public String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required but not set");
        }
        return value;
    }

    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    public long getLong(String name, long defaultValue) {
        Optional<String> value = get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be an integer, was '" + value.get() + "'", e);
        }
    }

    /** The AWS region this function runs in ({@code AWS_REGION}). */
    public String region() {
        return get("AWS_REGION").or(() -> get("AWS_DEFAULT_REGION")).orElse("us-east-1");
    }

    public Map<String, String> asMap() {
        return values;
    }
}

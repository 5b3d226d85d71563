package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request,
 * shared by all of its expressions, remembering which placeholders were used so that unused
 * ones are rejected as DynamoDB rejects them. One instance per request (it is not thread-safe).
 *
 * <p>The constructor takes {@code null} or an empty map alike for "none given";
 * {@link #fromRequest} tells them apart, rejecting an empty map the request carried as DynamoDB
 * does ("ExpressionAttributeNames must not be empty").
 */
public final class ExpressionAttributes {

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    /**
     * The request's parameters, where {@code null} means the request did not carry it and an
     * empty map is rejected ("ExpressionAttributeNames must not be empty").
     */
    public static ExpressionAttributes fromRequest(Map<String, String> names, Map<String, AttributeValue> values) {
        if (names != null && names.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
        }
        if (values != null && values.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
        }
        return new ExpressionAttributes(names, values);
    }

    /** Names and values; {@code null} or empty: none given. Placeholder keys are checked here. */
    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        if (names != null) {
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (!isPlaceholder(e.getKey(), '#')) {
                    throw DynamoDbException.validation(
                            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    throw DynamoDbException.validation(
                            "ExpressionAttributeNames contains invalid value: Empty attribute name; key: " + e.getKey());
                }
            }
        }
        if (values != null) {
            for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                if (!isPlaceholder(e.getKey(), ':')) {
                    throw DynamoDbException.validation(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                if (e.getValue() == null) {
                    throw DynamoDbException.validation(
                            "ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain"
                                    + " exactly one of the supported datatypes for key " + e.getKey());
                }
            }
        }
        this.names = names == null ? Map.of() : new LinkedHashMap<>(names);
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    /** A request without ExpressionAttributeNames or ExpressionAttributeValues. */
    public static ExpressionAttributes none() {
        return new ExpressionAttributes(null, null);
    }

    /** Resolves {@code #name}; a missing one is a ValidationException naming it. */
    public String name(String placeholder) {
        String name = names.get(placeholder);
        if (name == null) {
            throw DynamoDbException.validation(missingName(placeholder));
        }
        usedNames.add(placeholder);
        return name;
    }

    /** Resolves {@code :value}; a missing one is a ValidationException naming it. */
    public AttributeValue value(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value == null) {
            throw DynamoDbException.validation(missingValue(placeholder));
        }
        usedValues.add(placeholder);
        return value;
    }

    /** The name, or null (the parser reports the missing one with its expression kind). */
    String nameOrNull(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) usedNames.add(placeholder);
        return name;
    }

    AttributeValue valueOrNull(String placeholder) {
        AttributeValue value = values.get(placeholder);
        if (value != null) usedValues.add(placeholder);
        return value;
    }

    static String missingName(String placeholder) {
        return "An expression attribute name used in the document path is not defined; attribute name: " + placeholder;
    }

    static String missingValue(String placeholder) {
        return "An expression attribute value used in expression is not defined; attribute value: " + placeholder;
    }

    /** After every expression of the request was parsed: rejects unused names and values. */
    public void requireAllUsed() {
        List<String> unusedNames = names.keySet().stream().filter(k -> !usedNames.contains(k)).toList();
        if (!unusedNames.isEmpty()) {
            throw DynamoDbException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: "
                    + braces(unusedNames));
        }
        List<String> unusedValues = values.keySet().stream().filter(k -> !usedValues.contains(k)).toList();
        if (!unusedValues.isEmpty()) {
            throw DynamoDbException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: "
                    + braces(unusedValues));
        }
    }

    private static String braces(List<String> keys) {
        StringJoiner j = new StringJoiner(", ", "{", "}");
        keys.forEach(j::add);
        return j.toString();
    }

    private static boolean isPlaceholder(String key, char sigil) {
        if (key == null || key.length() < 2 || key.charAt(0) != sigil) {
            return false;
        }
        for (int i = 1; i < key.length(); i++) {
            if (!Lexer.isWordChar(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}

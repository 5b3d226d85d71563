package dev.meridian.dynamodb.expression;

import java.util.Set;

/** The function names of DynamoDB's expression language (case-sensitive, as DynamoDB treats them). */
final class Functions {

    static final Set<String> CONDITION = Set.of(
            "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size");
    static final Set<String> UPDATE = Set.of("if_not_exists", "list_append");

    private Functions() {
    }

    static boolean isKnown(String name) {
        return CONDITION.contains(name) || UPDATE.contains(name);
    }
}

package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.Map;

/** A parsed ConditionExpression or FilterExpression. */
public interface Condition {

    /** Whether the item (null or empty: no item) satisfies the condition. */
    boolean test(Map<String, AttributeValue> item);
}

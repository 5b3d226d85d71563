package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Set;

/** A parsed ProjectionExpression. */
public interface Projection {

    /** The item reduced to the projected paths (nested maps and lists kept as far as projected). */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attribute names the projection reads. */
    Set<String> topLevelAttributes();
}

package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} of one request,
 * shared by all of its expressions, remembering which placeholders were used so that unused
 * ones are rejected as DynamoDB rejects them.
 */
public final class ExpressionAttributes {

    public ExpressionAttributes(Map<String, String> names, Map<String, AttributeValue> values) {
        throw new UnsupportedOperationException("expression package: not written yet");
    }

    /** Resolves {@code #name}; a missing one is a ValidationException naming it. */
    public String name(String placeholder) {
        throw new UnsupportedOperationException("expression package: not written yet");
    }

    /** Resolves {@code :value}; a missing one is a ValidationException naming it. */
    public AttributeValue value(String placeholder) {
        throw new UnsupportedOperationException("expression package: not written yet");
    }

    /** After every expression of the request was parsed: rejects unused names and values. */
    public void requireAllUsed() {
        throw new UnsupportedOperationException("expression package: not written yet");
    }
}

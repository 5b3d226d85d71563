package dev.meridian.dynamodb.expression;

/**
 * Parses DynamoDB expressions. Every parse error, reserved word used as a name, missing
 * placeholder or misuse of a function is a {@code DynamoDbException} ValidationException with
 * DynamoDB's message ("Invalid ConditionExpression: Syntax error; token: ..., near: ...").
 */
public final class Expressions {

    private Expressions() {
    }

    /** A ConditionExpression (kind "ConditionExpression") or FilterExpression (kind "FilterExpression"). */
    public static Condition condition(String kind, String expression, ExpressionAttributes attributes) {
        throw new UnsupportedOperationException("expression package: not written yet");
    }

    public static Update update(String expression, ExpressionAttributes attributes) {
        throw new UnsupportedOperationException("expression package: not written yet");
    }

    public static Projection projection(String expression, ExpressionAttributes attributes) {
        throw new UnsupportedOperationException("expression package: not written yet");
    }

    public static KeyCondition keyCondition(String expression, ExpressionAttributes attributes) {
        throw new UnsupportedOperationException("expression package: not written yet");
    }
}

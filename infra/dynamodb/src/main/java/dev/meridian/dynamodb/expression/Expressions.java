package dev.meridian.dynamodb.expression;

/**
 * Parses DynamoDB expressions. Every parse error, reserved word used as a name, missing
 * placeholder or misuse of a function is a {@code DynamoDbException} ValidationException with
 * DynamoDB's message ("Invalid ConditionExpression: Syntax error; token: ..., near: ...");
 * the thrown type is {@link ExpressionException}, which also carries the position.
 *
 * <p>Parse once per request; the results are immutable and evaluate without further parsing.
 * Parsing marks the placeholders it uses in the {@link ExpressionAttributes}; call
 * {@link ExpressionAttributes#requireAllUsed()} after every expression of the request parsed.
 */
public final class Expressions {

    private Expressions() {
    }

    /** A ConditionExpression (kind "ConditionExpression") or FilterExpression (kind "FilterExpression"). */
    public static Condition condition(String kind, String expression, ExpressionAttributes attributes) {
        return new ConditionParser(kind, expression, attributes).parse();
    }

    public static Update update(String expression, ExpressionAttributes attributes) {
        return new UpdateParser(expression, attributes).parse();
    }

    public static Projection projection(String expression, ExpressionAttributes attributes) {
        return new ProjectionParser(expression, attributes).parse();
    }

    public static KeyCondition keyCondition(String expression, ExpressionAttributes attributes) {
        return KeyConditionParser.parse(expression, attributes);
    }
}

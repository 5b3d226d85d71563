package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.DynamoDbException;

/**
 * A ValidationException about an expression, with DynamoDB's message; {@link #position()} is the
 * character offset in the expression the problem was found at, or -1 when it concerns no
 * single place (an unused placeholder, a type error while applying an update).
 */
public final class ExpressionException extends DynamoDbException {

    private static final long serialVersionUID = 1L;

    private final int position;

    ExpressionException(String message, int position) {
        super("ValidationException", message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}

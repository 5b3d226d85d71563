package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.ExpressionAttributes;

/**
 * The expression attributes of a request that has expressions; rejects names or values given
 * without any expression to use them, as DynamoDB does.
 */
final class Expr {

    private Expr() {
    }

    /**
     * The request's ExpressionAttributes when one of {@code expressionFields} is present, else null
     * (after checking that no attribute names or values were given).
     */
    static ExpressionAttributes attributes(JsonNode request, String... expressionFields) {
        boolean any = false;
        for (String f : expressionFields) {
            if (Requests.present(request, f)) {
                any = true;
                break;
            }
        }
        if (!any) {
            String nulls = nulls(expressionFields);
            if (Requests.present(request, "ExpressionAttributeNames")) {
                throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions: " + nulls);
            }
            if (Requests.present(request, "ExpressionAttributeValues")) {
                throw DynamoDbException.validation("ExpressionAttributeValues can only be specified when using expressions: " + nulls);
            }
            return null;
        }
        return Requests.attributes(request);
    }

    /** {@code ConditionExpression is null}, {@code UpdateExpression and ConditionExpression are null}. */
    private static String nulls(String... fields) {
        if (fields.length == 1) return fields[0] + " is null";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) b.append(i == fields.length - 1 ? " and " : ", ");
            b.append(fields[i]);
        }
        return b.append(" are null").toString();
    }
}

package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.expression.Expressions;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** ConditionExpression handling shared by the write operations. */
final class Conditions {

    static final String FAILED = "The conditional request failed";

    private Conditions() {
    }

    /** The parsed ConditionExpression of a request (or transaction item), or null. */
    static Condition parse(JsonNode request, ExpressionAttributes attributes) {
        String text = Requests.string(request, "ConditionExpression");
        if (text == null) return null;
        if (attributes == null) {
            throw new IllegalStateException("attributes are required when an expression is present");
        }
        return Expressions.condition("ConditionExpression", text, attributes);
    }

    /** ReturnValuesOnConditionCheckFailure: true for ALL_OLD. */
    static boolean returnOldOnFailure(JsonNode request) {
        return "ALL_OLD".equals(Requests.choice(request, "ReturnValuesOnConditionCheckFailure",
                "returnValuesOnConditionCheckFailure", List.of("ALL_OLD", "NONE"), "NONE"));
    }

    /** Checks the condition against the current item; throws ConditionalCheckFailedException. */
    static void check(Condition condition, Map<String, AttributeValue> current, boolean returnOld) {
        if (condition == null || condition.test(current)) return;
        throw failed(current, returnOld);
    }

    static DynamoDbException failed(Map<String, AttributeValue> current, boolean returnOld) {
        Map<String, Object> extra = returnOld && current != null
                ? Map.of("Item", ItemJson.toNode(current)) : Map.of();
        return new DynamoDbException("ConditionalCheckFailedException", 400, FAILED, extra);
    }
}

package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.WriteTransaction;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What PutItem and DeleteItem share: ReturnValues (NONE or ALL_OLD), the condition (expression or
 * legacy Expected), ReturnValuesOnConditionCheckFailure, capacity and collection metrics, read in
 * this order (the order the first invalid parameter is reported in); the conditional write of one
 * item; and the response.
 */
final class ConditionalWrite {

    private final String returnValues;
    private final boolean oldOnFailure;
    private final Condition condition;
    private final Capacity capacity;
    private final boolean metrics;

    ConditionalWrite(JsonNode request) {
        returnValues = Writes.returnValuesOldOnly(request);
        oldOnFailure = Conditions.returnOldOnFailure(request);
        ExpressionAttributes attributes = Expr.attributes(request, "ConditionExpression");
        Condition parsed = Conditions.parse(request, attributes);
        condition = parsed != null ? parsed : LegacyParameters.expected(request);
        if (attributes != null) attributes.requireAllUsed();
        capacity = new Capacity(request);
        metrics = Writes.wantsCollectionMetrics(request);
    }

    /**
     * Reads the item at {@code key}, checks the condition against it, then lets {@code change} write
     * (given the transaction and the current item, null when absent); returns the current (old) item.
     */
    Map<String, AttributeValue> write(RequestContext context, Table table, ItemKey key,
                                      BiConsumer<WriteTransaction, Map<String, AttributeValue>> change) {
        return context.database().write(ItemChange.Origin.CLIENT, tx -> {
            Map<String, AttributeValue> current = tx.get(table, key);
            Conditions.check(condition, current, oldOnFailure);
            change.accept(tx, current);
            return current;
        });
    }

    /**
     * The response: Attributes (ALL_OLD), consumed capacity for {@code old} and {@code written} (null
     * for a delete), and the item collection metrics of the collection {@code keyImage} is in.
     */
    ObjectNode response(Table table, Map<String, AttributeValue> old, Map<String, AttributeValue> written,
                        Map<String, AttributeValue> keyImage) {
        ObjectNode response = Json.object();
        if (returnValues.equals("ALL_OLD")) Writes.putAttributes(response, old);
        Writes.charge(capacity, table, old, written, 1);
        capacity.putSingle(response);
        if (metrics) Writes.putCollectionMetrics(response, table, keyImage);
        return response;
    }
}

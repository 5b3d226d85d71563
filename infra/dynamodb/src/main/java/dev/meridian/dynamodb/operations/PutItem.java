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
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Map;

/** PutItem: replaces the whole item, optionally under a ConditionExpression. */
public final class PutItem implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        Shape.of(request).tableName().returnValues().consumedCapacity().collectionMetrics().done();
        Requests.rejectLegacy(request, "Expected", "ConditionalOperator");
        Table table = Requests.table(request, context);
        Map<String, AttributeValue> item = Requests.item(request, "Item", "item");
        ItemKey key = table.definition().key().keyOf(item, false);
        Writes.checkIndexKeys(table, item);
        Writes.checkSize(item);
        String returnValues = Writes.returnValuesOldOnly(request);
        boolean oldOnFailure = Conditions.returnOldOnFailure(request);
        ExpressionAttributes attributes = Expr.attributes(request, "ConditionExpression");
        Condition parsed = Conditions.parse(request, attributes);
        Condition condition = parsed != null ? parsed : LegacyParameters.expected(request);
        if (attributes != null) attributes.requireAllUsed();
        Capacity capacity = new Capacity(request);
        boolean metrics = Writes.wantsCollectionMetrics(request);

        Map<String, AttributeValue> old = context.database().write(ItemChange.Origin.CLIENT, tx -> {
            Map<String, AttributeValue> current = tx.get(table, key);
            Conditions.check(condition, current, oldOnFailure);
            tx.put(table, key, item);
            return current;
        });
        ObjectNode response = Json.object();
        if (returnValues.equals("ALL_OLD")) Writes.putAttributes(response, old);
        Writes.charge(capacity, table, old, item, 1);
        capacity.putSingle(response);
        if (metrics) {
            ObjectNode m = Writes.collectionMetrics(table, item);
            if (m != null) response.set("ItemCollectionMetrics", m);
        }
        return response;
    }
}

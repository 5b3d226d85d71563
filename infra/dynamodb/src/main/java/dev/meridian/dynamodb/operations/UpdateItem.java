package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.expression.Expressions;
import dev.meridian.dynamodb.expression.Update;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Items;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.LinkedHashMap;
import java.util.Map;

/** UpdateItem: edits (or creates) one item with an UpdateExpression, optionally under a condition. */
public final class UpdateItem implements Operation {

    /** A parsed update, shared with TransactWriteItems. */
    record Parsed(Update update, Condition condition) {
    }

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        Shape.of(request).tableName().returnValues().consumedCapacity().collectionMetrics().done();
        Requests.rejectLegacy(request, "AttributeUpdates", "Expected", "ConditionalOperator");
        Table table = Requests.table(request, context);
        Map<String, AttributeValue> keyMap = Requests.item(request, "Key", "key");
        ItemKey key = table.definition().key().keyOf(keyMap, true);
        String returnValues = Requests.choice(request, "ReturnValues", "returnValues", Writes.RETURN_VALUES, "NONE");
        boolean oldOnFailure = Conditions.returnOldOnFailure(request);
        Parsed parsed = parse(request, table.definition().key());
        Capacity capacity = new Capacity(request);
        boolean metrics = Writes.wantsCollectionMetrics(request);

        Map<String, AttributeValue>[] images = context.database().write(ItemChange.Origin.CLIENT, tx -> {
            Map<String, AttributeValue> current = tx.get(table, key);
            Conditions.check(parsed.condition(), current, oldOnFailure);
            Map<String, AttributeValue> updated = apply(parsed.update(), current, keyMap, table);
            tx.put(table, key, updated);
            @SuppressWarnings("unchecked")
            Map<String, AttributeValue>[] pair = new Map[] {current, updated};
            return pair;
        });
        Map<String, AttributeValue> old = images[0];
        Map<String, AttributeValue> neu = images[1];
        ObjectNode response = Json.object();
        switch (returnValues) {
            case "ALL_OLD" -> Writes.putAttributes(response, old);
            case "ALL_NEW" -> Writes.putAttributes(response, neu);
            case "UPDATED_OLD" -> Writes.putAttributes(response,
                    old == null || parsed.update() == null ? null : parsed.update().updatedPaths().apply(old));
            case "UPDATED_NEW" -> Writes.putAttributes(response,
                    parsed.update() == null ? null : parsed.update().updatedPaths().apply(neu));
            default -> { }
        }
        Writes.charge(capacity, table, old, neu, 1);
        capacity.putSingle(response);
        if (metrics) Writes.putCollectionMetrics(response, table, keyMap);
        return response;
    }

    /** Parses UpdateExpression and ConditionExpression of a request (or transaction item). */
    static Parsed parse(JsonNode request, KeySchema key) {
        ExpressionAttributes attributes = Expr.attributes(request, "UpdateExpression", "ConditionExpression");
        Update update;
        String text = Requests.string(request, "UpdateExpression");
        update = text != null ? Expressions.update(text, attributes) : LegacyParameters.attributeUpdates(request);
        if (update != null) {
            for (String name : update.topLevelAttributes()) {
                if (key.isKeyAttribute(name)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update attribute "
                            + name + ". This attribute is part of the key");
                }
            }
        }
        Condition condition = Conditions.parse(request, attributes);
        if (condition == null) condition = LegacyParameters.expected(request);
        if (attributes != null) attributes.requireAllUsed();
        return new Parsed(update, condition);
    }

    /** The item after the update: the current item (or just its key when absent) with the update applied. */
    static Map<String, AttributeValue> apply(Update update, Map<String, AttributeValue> current,
                                             Map<String, AttributeValue> keyMap, Table table) {
        Map<String, AttributeValue> base = current != null ? current : new LinkedHashMap<>(keyMap);
        Map<String, AttributeValue> updated = update == null ? base : update.apply(base);
        if (Items.size(updated) > Items.MAX_ITEM_SIZE) {
            throw DynamoDbException.validation("Item size to update has exceeded the maximum allowed size");
        }
        Writes.checkIndexKeys(table, updated);
        return updated;
    }
}

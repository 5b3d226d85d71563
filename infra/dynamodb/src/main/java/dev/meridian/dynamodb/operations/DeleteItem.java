package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Map;

/** DeleteItem: removes one item by key, optionally under a ConditionExpression. */
public final class DeleteItem implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        Shape.of(request).tableName().returnValues().consumedCapacity().collectionMetrics().done();
        Requests.rejectLegacy(request, "Expected", "ConditionalOperator");
        Table table = Requests.table(request, context);
        Map<String, AttributeValue> keyMap = Requests.item(request, "Key", "key");
        ItemKey key = table.definition().key().keyOf(keyMap, true);
        ConditionalWrite write = new ConditionalWrite(request);

        Map<String, AttributeValue> old = write.write(context, table, key, (tx, current) -> {
            if (current != null) tx.delete(table, key);
        });
        return write.response(table, old, null, keyMap);
    }
}

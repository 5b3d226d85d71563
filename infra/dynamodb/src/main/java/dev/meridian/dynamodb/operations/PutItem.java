package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
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
        ConditionalWrite write = new ConditionalWrite(request);

        Map<String, AttributeValue> old = write.write(context, table, key, (tx, current) -> tx.put(table, key, item));
        return write.response(table, old, item, item);
    }
}

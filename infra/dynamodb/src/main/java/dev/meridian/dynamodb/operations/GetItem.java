package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.expression.Expressions;
import dev.meridian.dynamodb.expression.Projection;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

/** GetItem: one item by its key. */
public final class GetItem implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        Shape.of(request).tableName().consumedCapacity().done();
        Requests.rejectLegacy(request, "AttributesToGet");
        Table table = Requests.table(request, context);
        ItemKey key = table.definition().key().keyOf(Requests.item(request, "Key", "key"), true);
        boolean consistent = Requests.bool(request, "ConsistentRead", false);
        Projection projection = projection(request);
        Capacity capacity = new Capacity(request);

        StoredItem stored = table.get(key);
        ObjectNode response = Json.object();
        if (stored != null) {
            Reads.putItem(response, "Item", stored, projection);
        }
        if (capacity.wanted()) {
            capacity.table(table.name(), Capacity.readUnits(stored == null ? 0 : stored.size(), consistent), true);
            capacity.putSingle(response);
        }
        return response;
    }

    /** ProjectionExpression of a request (GetItem, BatchGetItem's KeysAndAttributes, TransactGetItems' Get), or null. */
    static Projection projection(JsonNode request) {
        ExpressionAttributes attributes = Expr.attributes(request, "ProjectionExpression");
        if (attributes == null) return LegacyParameters.attributesToGet(request);
        Projection p = Expressions.projection(Requests.string(request, "ProjectionExpression"), attributes);
        attributes.requireAllUsed();
        return p;
    }
}

package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.expression.Expressions;
import dev.meridian.dynamodb.json.AttributeJson;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Scan: the whole table or index in storage order (hash of the partition key); a parallel
 * Scan's segment is an equal share of the hash range.
 */
public final class Scan implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        Shape.of(request).tableName().select().consumedCapacity().limit(true, "limit").done();
        Requests.rejectLegacy(request, "ScanFilter", "AttributesToGet", "ConditionalOperator");
        Table table = Requests.table(request, context);
        ReadTarget target = new ReadTarget(request, table, "Scan");
        Integer limit = Requests.limit(request);
        ExpressionAttributes attributes = Expr.attributes(request, "FilterExpression", "ProjectionExpression");
        Condition filter = null;
        if (attributes != null) {
            String filterText = Requests.string(request, "FilterExpression");
            filter = filterText == null ? null : Expressions.condition("FilterExpression", filterText, attributes);
        } else {
            filter = LegacyParameters.filter(request, "ScanFilter");
        }
        target.parseProjection(request, attributes);
        if (attributes != null) attributes.requireAllUsed();
        Capacity capacity = new Capacity(request);

        NavigableMap<ItemKey, StoredItem> range = target.entries;
        JsonNode segmentNode = request.get("Segment");
        JsonNode totalNode = request.get("TotalSegments");
        boolean hasSegment = segmentNode != null && !segmentNode.isNull();
        boolean hasTotal = totalNode != null && !totalNode.isNull();
        ItemKey lower = ItemKey.hashBound(0);
        ItemKey upper = ItemKey.hashBound(ItemKey.HASH_SPACE);
        if (hasSegment != hasTotal) {
            throw DynamoDbException.validation(hasSegment
                    ? "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"
                    : "The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
        }
        if (hasTotal) {
            long total = Requests.integer(totalNode, "TotalSegments");
            long segment = Requests.integer(segmentNode, "Segment");
            if (total < 1 || total > 1_000_000) {
                throw Requests.constraint(total, "totalSegments", "Member must have value "
                        + (total < 1 ? "greater than or equal to 1" : "less than or equal to 1000000"));
            }
            if (segment < 0) {
                throw Requests.constraint(segment, "segment", "Member must have value greater than or equal to 0");
            }
            if (segment >= total) {
                throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter "
                        + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
            }
            lower = ItemKey.hashBound(segment * ItemKey.HASH_SPACE / total);
            upper = ItemKey.hashBound((segment + 1) * ItemKey.HASH_SPACE / total);
            range = range.subMap(lower, true, upper, false);
        }
        Map<String, AttributeValue> esk = AttributeJson.item(request.get("ExclusiveStartKey"), "ExclusiveStartKey");
        if (esk != null) {
            ItemKey start = target.startKey(esk);
            range = Query.after(range, start, true, lower, upper);
        }
        return Walk.run(target, range, limit, filter, null, capacity);
    }
}

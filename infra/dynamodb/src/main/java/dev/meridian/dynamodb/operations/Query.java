package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.expression.Expressions;
import dev.meridian.dynamodb.expression.KeyCondition;
import dev.meridian.dynamodb.json.AttributeJson;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Values;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Query: one partition of the table or an index, in sort-key order (ScanIndexForward). */
public final class Query implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        Shape.of(request).tableName().select().consumedCapacity().limit(false, "Limit").done();
        Requests.rejectLegacy(request, "KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator");
        Table table = Requests.table(request, context);
        ReadTarget target = new ReadTarget(request, table, "Query");
        Integer limit = Requests.limit(request);
        boolean forward = Requests.bool(request, "ScanIndexForward", true);
        String keyText = Requests.string(request, "KeyConditionExpression");
        if (keyText == null && !Requests.present(request, "KeyConditions")) {
            throw DynamoDbException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        ExpressionAttributes attributes = Expr.attributes(request, "KeyConditionExpression", "FilterExpression", "ProjectionExpression");
        KeyCondition keyCondition = keyText != null ? Expressions.keyCondition(keyText, attributes)
                : LegacyParameters.keyConditions(request);
        String filterText = Requests.string(request, "FilterExpression");
        Condition filter = filterText != null ? Expressions.condition("FilterExpression", filterText, attributes)
                : LegacyParameters.filter(request, "QueryFilter");
        target.parseProjection(request, attributes);
        if (attributes != null) attributes.requireAllUsed();
        Capacity capacity = new Capacity(request);

        KeySchema schema = target.keySchema();
        KeyCondition.Term hashTerm = null;
        KeyCondition.Term rangeTerm = null;
        for (KeyCondition.Term t : keyCondition.terms()) {
            if (t.attributeName().equals(schema.hashName()) && hashTerm == null) {
                hashTerm = t;
            } else if (schema.hasRange() && t.attributeName().equals(schema.rangeName()) && rangeTerm == null) {
                rangeTerm = t;
            } else {
                throw DynamoDbException.validation("Query condition missed key schema element: "
                        + (hashTerm == null ? schema.hashName() : schema.hasRange() ? schema.rangeName() : schema.hashName()));
            }
        }
        if (hashTerm == null) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + schema.hashName());
        }
        if (hashTerm.op() != KeyCondition.Op.EQ) {
            throw DynamoDbException.validation("Query key condition not supported");
        }
        AttributeValue pk = hashTerm.values().get(0);
        checkType(pk, schema.hashType());
        ItemKey lower = ItemKey.partitionBound(pk, -1);
        ItemKey upper = ItemKey.partitionBound(pk, +1);
        Predicate<ItemKey> inRange = null;
        if (rangeTerm != null) {
            for (AttributeValue v : rangeTerm.values()) checkType(v, schema.rangeType());
            AttributeValue v = rangeTerm.values().get(0);
            ItemKey at = ItemKey.of(pk, v);
            switch (rangeTerm.op()) {
                case EQ -> { lower = at.tieBound(-1); upper = at.tieBound(+1); }
                case LT -> upper = at.tieBound(-1);
                case LE -> upper = at.tieBound(+1);
                case GT -> lower = at.tieBound(+1);
                case GE -> lower = at.tieBound(-1);
                case BETWEEN -> {
                    AttributeValue hi = rangeTerm.values().get(1);
                    if (Values.compare(v, hi) > 0) {
                        throw DynamoDbException.validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound "
                                + "to be greater than or equal to lower bound; lower bound operand: AttributeValue: {"
                                + v.type() + ":" + show(v) + "}, upper bound operand: AttributeValue: {" + hi.type() + ":" + show(hi) + "}");
                    }
                    lower = at.tieBound(-1);
                    upper = ItemKey.of(pk, hi).tieBound(+1);
                }
                case BEGINS_WITH -> {
                    if (v instanceof AttributeValue.N) {
                        throw DynamoDbException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or "
                                + "function; operator or function: begins_with, operand type: N");
                    }
                    lower = at.tieBound(-1);
                    inRange = k -> beginsWith(k.sort(), v);
                }
                default -> throw DynamoDbException.validation("Query key condition not supported");
            }
        }
        NavigableMap<ItemKey, StoredItem> range = lower.compareTo(upper) > 0
                ? Collections.emptyNavigableMap() : target.entries.subMap(lower, true, upper, true);
        Map<String, AttributeValue> esk = AttributeJson.item(request.get("ExclusiveStartKey"), "ExclusiveStartKey");
        if (esk != null) {
            ItemKey start = target.startKey(esk);
            range = after(range, start, forward, lower, upper);
        }
        if (!forward) range = range.descendingMap();
        return Walk.run(target, range, limit, filter, inRange, capacity);
    }

    /** The part of {@code range} after {@code start} in walking order. */
    static NavigableMap<ItemKey, StoredItem> after(NavigableMap<ItemKey, StoredItem> range, ItemKey start, boolean forward,
                                                  ItemKey lower, ItemKey upper) {
        if (start.compareTo(lower) < 0) {
            return forward ? range : new TreeMap<>();
        }
        if (start.compareTo(upper) > 0) {
            return forward ? new TreeMap<>() : range;
        }
        return forward ? range.tailMap(start, false) : range.headMap(start, false);
    }

    private static void checkType(AttributeValue v, String type) {
        if (!v.type().equals(type)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
    }

    private static String show(AttributeValue v) {
        if (v instanceof AttributeValue.S s) return s.value();
        if (v instanceof AttributeValue.N n) return n.text();
        if (v instanceof AttributeValue.B b) return b.base64();
        return v.toString();
    }

    private static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        if (value instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            byte[] x = b.value();
            byte[] y = p.value();
            if (y.length > x.length) return false;
            for (int i = 0; i < y.length; i++) if (x[i] != y[i]) return false;
            return true;
        }
        return false;
    }
}

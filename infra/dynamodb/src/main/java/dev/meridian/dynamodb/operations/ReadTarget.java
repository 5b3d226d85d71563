package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.expression.Expressions;
import dev.meridian.dynamodb.expression.Projection;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.IndexDefinition;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * What a Query or Scan reads: the table or one of its indexes, with the Select, projection and
 * ConsistentRead rules DynamoDB applies to each.
 */
final class ReadTarget {

    static final List<String> SELECTS = List.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");

    final Table table;
    final IndexDefinition index;
    final NavigableMap<ItemKey, StoredItem> entries;
    final String select;
    final boolean consistent;
    /** The projection of the ProjectionExpression, or null. */
    Projection projection;

    ReadTarget(JsonNode request, Table table, String operation) {
        this.table = table;
        String indexName = Requests.string(request, "IndexName");
        if (indexName != null) {
            index = table.definition().index(indexName);
            if (index == null) {
                throw DynamoDbException.validation("The table does not have the specified index: " + indexName);
            }
            entries = table.index(indexName);
        } else {
            index = null;
            entries = table.items();
        }
        consistent = Requests.bool(request, "ConsistentRead", false);
        if (consistent && index != null && index.global()) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        boolean hasProjection = Requests.present(request, "ProjectionExpression") || Requests.present(request, "AttributesToGet");
        String s = Requests.choice(request, "Select", "select", SELECTS, null);
        if (s == null) {
            s = hasProjection ? "SPECIFIC_ATTRIBUTES" : index != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        }
        if (s.equals("ALL_PROJECTED_ATTRIBUTES") && index == null) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES "
                    + "is not supported when " + operation + "ing a table without an IndexName");
        }
        if (s.equals("SPECIFIC_ATTRIBUTES") && !hasProjection) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Must specify the "
                    + "ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
        if (!s.equals("SPECIFIC_ATTRIBUTES") && hasProjection) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Cannot specify the "
                    + "ProjectionExpression when choosing to get " + s);
        }
        if (s.equals("ALL_ATTRIBUTES") && index != null && index.global() && !index.projectionType().equals("ALL")) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES "
                    + "is not supported for global secondary index " + index.name() + " because its projection type is not ALL");
        }
        this.select = s;
    }

    void parseProjection(JsonNode request, ExpressionAttributes attributes) {
        String text = Requests.string(request, "ProjectionExpression");
        projection = text != null ? Expressions.projection(text, attributes) : LegacyParameters.attributesToGet(request);
    }

    KeySchema keySchema() {
        return index != null ? index.key() : table.definition().key();
    }

    /** The item as the read sees it: the index's projection of it (unless ALL_ATTRIBUTES asked for the table's item). */
    Map<String, AttributeValue> visible(Map<String, AttributeValue> item) {
        if (index == null || index.projectionType().equals("ALL") || select.equals("ALL_ATTRIBUTES")) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        KeySchema t = table.definition().key();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            String n = e.getKey();
            if (t.isKeyAttribute(n) || index.key().isKeyAttribute(n)
                    || (index.projectionType().equals("INCLUDE") && index.nonKeyAttributes().contains(n))) {
                out.put(n, e.getValue());
            }
        }
        return out;
    }

    /** The LastEvaluatedKey of an entry: the table key, plus the index key on an index. */
    Map<String, AttributeValue> lastEvaluatedKey(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> k = table.definition().key().project(item);
        if (index != null) k.putAll(index.key().project(item));
        return k;
    }

    /** The position an ExclusiveStartKey names, validated against the table or index schema. */
    ItemKey startKey(Map<String, AttributeValue> esk) {
        KeySchema tk = table.definition().key();
        try {
            if (index == null) {
                return tk.keyOf(esk, true);
            }
            Map<String, AttributeValue> tablePart = tk.project(esk);
            ItemKey tableKey = tk.keyOf(tablePart, true);
            Map<String, AttributeValue> indexPart = index.key().project(esk);
            ItemKey indexKey = index.key().keyOf(indexPart, true);
            for (String n : esk.keySet()) {
                if (!tk.isKeyAttribute(n) && !index.key().isKeyAttribute(n)) {
                    throw DynamoDbException.validation("The provided key element does not match the schema");
                }
            }
            return indexKey.withTableKey(tableKey);
        } catch (DynamoDbException e) {
            throw DynamoDbException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }
}

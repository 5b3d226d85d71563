package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.model.Items;
import dev.meridian.dynamodb.storage.IndexDefinition;
import dev.meridian.dynamodb.storage.Table;

import java.util.List;
import java.util.Map;

/** What the single-item writes share: ReturnValues, capacity, item-level checks. */
final class Writes {

    static final List<String> RETURN_VALUES = List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");

    private Writes() {
    }

    /** ReturnValues for PutItem and DeleteItem: NONE or ALL_OLD. */
    static String returnValuesOldOnly(JsonNode request) {
        String rv = Requests.choice(request, "ReturnValues", "returnValues", RETURN_VALUES, "NONE");
        if (!rv.equals("NONE") && !rv.equals("ALL_OLD")) {
            throw DynamoDbException.validation("Return values set to invalid value");
        }
        return rv;
    }

    /** Puts {@code Attributes} into the response when there is something to return. */
    static void putAttributes(ObjectNode response, Map<String, AttributeValue> attributes) {
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", ItemJson.toNode(attributes));
        }
    }

    /** Checks an item to be written: its size, and that it has no empty key values (done by the key schema). */
    static void checkSize(Map<String, AttributeValue> item) {
        if (Items.size(item) > Items.MAX_ITEM_SIZE) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    /**
     * Checks that index key attributes present in the item have the index's key type (DynamoDB
     * rejects a write whose value for an index key attribute has another type), and are not empty.
     */
    static void checkIndexKeys(Table table, Map<String, AttributeValue> item) {
        for (IndexDefinition ix : table.definition().indexes()) {
            checkIndexKey(ix, ix.key().hashName(), ix.key().hashType(), item);
            if (ix.key().hasRange()) checkIndexKey(ix, ix.key().rangeName(), ix.key().rangeType(), item);
        }
    }

    private static void checkIndexKey(IndexDefinition ix, String name, String type, Map<String, AttributeValue> item) {
        AttributeValue v = item.get(name);
        if (v == null) return;
        if (!v.type().equals(type)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                    + name + " Expected: " + type + " Actual: " + v.type() + " IndexName: " + ix.name());
        }
        if (v.size() == 0) {
            throw DynamoDbException.validation("One or more parameter values are not valid. A value specified for a "
                    + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an "
                    + "empty string value. IndexName: " + ix.name() + ", IndexKey: " + name);
        }
    }

    /** Write capacity of one item change on the table and on each index it touches. */
    static void charge(Capacity capacity, Table table, Map<String, AttributeValue> oldItem,
                       Map<String, AttributeValue> newItem, double factor) {
        if (!capacity.wanted()) return;
        long size = Math.max(oldItem == null ? 0 : Items.size(oldItem), newItem == null ? 0 : Items.size(newItem));
        double units = Capacity.writeUnits(size) * factor;
        capacity.table(table.name(), units, false);
        for (IndexDefinition ix : table.definition().indexes()) {
            boolean touched = (oldItem != null && ix.key().indexKeyOf(oldItem) != null)
                    || (newItem != null && ix.key().indexKeyOf(newItem) != null);
            if (touched) capacity.index(table.name(), ix.name(), ix.global(), units);
        }
    }

    /** ReturnItemCollectionMetrics: SIZE or NONE. */
    static boolean wantsCollectionMetrics(JsonNode request) {
        return "SIZE".equals(Requests.choice(request, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics",
                List.of("SIZE", "NONE"), "NONE"));
    }

    /**
     * The ItemCollectionMetrics of a write to a table with local secondary indexes (only those
     * tables have item collections), put into the response: the partition key and a size estimate range
     * in GB. Nothing for other tables.
     */
    static void putCollectionMetrics(ObjectNode response, Table table, Map<String, AttributeValue> anyImage) {
        boolean lsi = table.definition().indexes().stream().anyMatch(i -> !i.global());
        if (!lsi || anyImage == null) return;
        ObjectNode m = response.putObject("ItemCollectionMetrics");
        String pk = table.definition().key().hashName();
        m.putObject("ItemCollectionKey").set(pk, ItemJson.toNode(anyImage.get(pk)));
        m.putArray("SizeEstimateRangeGB").add(0.0).add(1.0);
    }
}

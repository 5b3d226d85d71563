package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.json.AttributeJson;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchWriteItem: up to 25 puts and deletes across tables, validated as a whole first (bad
 * input changes nothing), then written; UnprocessedItems is always empty.
 */
public final class BatchWriteItem implements Operation {

    private record Write(Table table, ItemKey key, Map<String, AttributeValue> item) {
    }

    private record Slot(String table, ItemKey key) {
    }

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        JsonNode requestItems = Requests.requestItems(request, "BatchWriteItem");
        Shape.of(request).consumedCapacity().collectionMetrics().done();
        int requested = 0;
        for (JsonNode list : requestItems) requested += list.size();
        if (requested > 25) {
            List<String> shown = new ArrayList<>();
            requestItems.fields().forEachRemaining(e -> shown.add(e.getKey() + "=[" + e.getValue().size() + " write requests]"));
            throw Requests.constraintRaw("{" + String.join(", ", shown) + "}", "requestItems",
                    "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
                            + "Member must have length greater than or equal to 1]");
        }
        List<Write> writes = new ArrayList<>();
        Set<Slot> seen = new HashSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Requests.nameValue(Json.NODES.textNode(e.getKey()), "requestItems.key");
            JsonNode list = e.getValue();
            if (!list.isArray() || list.isEmpty()) {
                throw Requests.constraint("[]", "requestItems." + e.getKey() + ".member",
                        "Member must have length greater than or equal to 1");
            }
            if (writes.size() + list.size() > 25) {
                throw DynamoDbException.validation("Too many items requested for the BatchWriteItem call");
            }
            Table table = context.database().requireTable(e.getKey());
            for (JsonNode w : list) {
                JsonNode put = w.get("PutRequest");
                JsonNode delete = w.get("DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw DynamoDbException.validation("A WriteRequest must contain exactly one of PutRequest or DeleteRequest");
                }
                Write write;
                if (put != null) {
                    if (!put.isObject()) throw DynamoDbException.serialization("Unexpected value type in payload: PutRequest must be a map");
                    Map<String, AttributeValue> item = Requests.item(put, "Item", "item");
                    ItemKey key = table.definition().key().keyOf(item, false);
                    Writes.checkIndexKeys(table, item);
                    Writes.checkSize(item);
                    write = new Write(table, key, item);
                } else {
                    if (!delete.isObject()) throw DynamoDbException.serialization("Unexpected value type in payload: DeleteRequest must be a map");
                    Map<String, AttributeValue> keyMap = AttributeJson.item(delete.get("Key"), "Key");
                    if (keyMap == null) throw Requests.constraint(null, "key", "Member must not be null");
                    write = new Write(table, table.definition().key().keyOf(keyMap, true), null);
                }
                if (!seen.add(new Slot(table.name(), write.key()))) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(write);
            }
        }
        Capacity capacity = new Capacity(request);
        List<Map<String, AttributeValue>> olds = context.database().write(ItemChange.Origin.CLIENT, tx -> {
            List<Map<String, AttributeValue>> previous = new ArrayList<>();
            for (Write w : writes) {
                previous.add(tx.get(w.table(), w.key()));
                if (w.item() != null) tx.put(w.table(), w.key(), w.item());
                else tx.delete(w.table(), w.key());
            }
            return previous;
        });
        for (int i = 0; i < writes.size(); i++) {
            Writes.charge(capacity, writes.get(i).table(), olds.get(i), writes.get(i).item(), 1);
        }
        ObjectNode response = Json.object();
        response.putObject("UnprocessedItems");
        capacity.putList(response);
        return response;
    }
}

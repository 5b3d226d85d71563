package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.Projection;
import dev.meridian.dynamodb.json.AttributeJson;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** BatchGetItem: up to 100 keys across tables; everything is processed (UnprocessedKeys is empty). */
public final class BatchGetItem implements Operation {

    private record Read(Table table, List<ItemKey> keys, Projection projection, boolean consistent) {
    }

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        JsonNode requestItems = Requests.requestItems(request, "BatchGetItem");
        Shape.of(request).consumedCapacity().done();
        List<Read> reads = new ArrayList<>();
        int total = 0;
        Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Requests.nameValue(Json.NODES.textNode(e.getKey()), "requestItems.key");
            JsonNode spec = e.getValue();
            if (!spec.isObject()) {
                throw DynamoDbException.serialization("Unexpected value type in payload: RequestItems." + e.getKey() + " must be a map");
            }
            Requests.rejectLegacy(spec, "AttributesToGet");
            JsonNode keys = spec.get("Keys");
            if (keys == null || !keys.isArray() || keys.isEmpty()) {
                throw Requests.constraint(keys == null ? null : "[]", "requestItems." + e.getKey() + ".member.keys",
                        "Member must have length greater than or equal to 1");
            }
            if (keys.size() > 100) {
                throw DynamoDbException.validation("1 validation error detected: Value at 'RequestItems." + e.getKey()
                        + ".member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100");
            }
            total += keys.size();
            if (total > 100) {
                throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
            }
            Table table = context.database().requireTable(e.getKey());
            List<ItemKey> parsed = new ArrayList<>();
            Set<ItemKey> seen = new HashSet<>();
            for (JsonNode k : keys) {
                if (!k.isObject()) {
                    throw DynamoDbException.serialization("Unexpected value type in payload: a member of Keys must be a map");
                }
                ItemKey key = table.definition().key().keyOf(AttributeJson.item(k, "Keys"), true);
                if (!seen.add(key)) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                parsed.add(key);
            }
            reads.add(new Read(table, parsed, GetItem.projection(spec), Requests.bool(spec, "ConsistentRead", false)));
        }
        Capacity capacity = new Capacity(request);
        ObjectNode response = Json.object();
        ObjectNode responses = response.putObject("Responses");
        for (Read r : reads) {
            ArrayNode out = responses.putArray(r.table().name());
            double units = 0;
            for (ItemKey k : r.keys()) {
                StoredItem stored = r.table().get(k);
                units += Capacity.readUnits(stored == null ? 0 : stored.size(), r.consistent());
                if (stored != null) {
                    ObjectNode holder = Json.object();
                    Reads.putItem(holder, "Item", stored, r.projection());
                    out.add(holder.get("Item"));
                }
            }
            capacity.table(r.table().name(), units, true);
        }
        response.putObject("UnprocessedKeys");
        capacity.putList(response);
        return response;
    }
}

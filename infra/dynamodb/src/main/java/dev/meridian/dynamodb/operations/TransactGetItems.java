package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.expression.Projection;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.ArrayList;
import java.util.List;

/** TransactGetItems: up to 100 Gets read at one instant (under the write lock). */
public final class TransactGetItems implements Operation {

    private record Get(Table table, ItemKey key, Projection projection) {
    }

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        JsonNode list = Requests.transactItems(request);
        Shape.of(request).consumedCapacity().done();
        List<Get> gets = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode g = entry.get("Get");
            if (g == null || g.isNull()) {
                throw Requests.constraint(null, "transactItems.member.get", "Member must not be null");
            }
            Table table = Requests.table(g, context);
            ItemKey key;
            try {
                key = table.definition().key().keyOf(Requests.item(g, "Key", "transactItems.member.get.key"), true);
            } catch (DynamoDbException e) {
                if (!e.type().equals("ValidationException")) throw e;
                throw cancelled(list.size(), gets.size(), e.getMessage());
            }
            for (Get earlier : gets) {
                if (earlier.table() == table && earlier.key().equals(key)) {
                    throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
                }
            }
            gets.add(new Get(table, key, GetItem.projection(g)));
        }
        Capacity capacity = new Capacity(request);
        List<StoredItem> found = context.database().locked(() -> {
            List<StoredItem> out = new ArrayList<>();
            for (Get g : gets) out.add(g.table().get(g.key()));
            return out;
        });
        ObjectNode response = Json.object();
        ArrayNode responses = response.putArray("Responses");
        for (int i = 0; i < gets.size(); i++) {
            ObjectNode r = responses.addObject();
            StoredItem s = found.get(i);
            if (s != null) Reads.putItem(r, "Item", s, gets.get(i).projection());
            if (capacity.wanted()) capacity.table(gets.get(i).table().name(), Capacity.readUnits(s == null ? 0 : s.size(), true) * 2, true);
        }
        capacity.putList(response);
        return response;
    }

    /** A Get whose key does not fit its table cancels the read, as DynamoDB does ({@code ValidationError}). */
    private static DynamoDbException cancelled(int count, int failedAt, String message) {
        List<String> codes = new ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode reasons = Json.NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            if (i == failedAt) {
                codes.add("ValidationError");
                reasons.addObject().put("Code", "ValidationError").put("Message", message);
            } else {
                codes.add("None");
                reasons.addObject().put("Code", "None");
            }
        }
        return new DynamoDbException("TransactionCanceledException", 400,
                "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
                java.util.Map.of("CancellationReasons", reasons));
    }
}

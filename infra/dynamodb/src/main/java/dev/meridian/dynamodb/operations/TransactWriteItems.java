package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.expression.ExpressionAttributes;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems: up to 100 Put, Update, Delete and ConditionCheck items across tables,
 * all or nothing, serializable (the database's write lock). ClientRequestToken makes a retry
 * within {@link IdempotencyTokens#TTL_MILLIS} answer the first result without applying again.
 */
public final class TransactWriteItems implements Operation {

    private enum Kind { Put, Update, Delete, ConditionCheck }

    private record Item(Kind kind, Table table, ItemKey key, Map<String, AttributeValue> keyMap,
                        Map<String, AttributeValue> putItem, UpdateItem.Parsed update, Condition condition,
                        boolean oldOnFailure) {
    }

    private record Slot(String table, ItemKey key) {
    }

    static final long MAX_REQUEST_BYTES = 4L * 1024 * 1024;

    private final IdempotencyTokens tokens = new IdempotencyTokens();

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        JsonNode list = Requests.transactItems(request);
        Shape.of(request).consumedCapacity().collectionMetrics().done();
        String token = Requests.string(request, "ClientRequestToken");
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            throw Requests.constraint(token, "clientRequestToken", "Member must have length less than or equal to 36");
        }
        List<Item> items = new ArrayList<>();
        Set<Slot> slots = new HashSet<>();
        for (JsonNode entry : list) {
            Item item = parse(entry, context);
            if (!slots.add(new Slot(item.table().name(), item.key()))) {
                throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
            }
            items.add(item);
        }
        long total = 0;
        for (Item it : items) {
            if (it.putItem() != null) total += dev.meridian.dynamodb.model.Items.size(it.putItem());
        }
        if (total > MAX_REQUEST_BYTES) {
            throw DynamoDbException.validation("Transaction request cannot be larger than 4 MB: the items together are "
                    + total + " bytes");
        }
        Capacity capacity = new Capacity(request);
        String fingerprint = list.toString();
        return context.database().locked(() -> {
            if (token != null) {
                ObjectNode earlier = tokens.replay(token, fingerprint, context.database().clock().millis());
                if (earlier != null) return earlier;
            }
            List<Map<String, AttributeValue>[]> images = context.database().write(ItemChange.Origin.CLIENT, tx -> run(items, tx));
            ObjectNode response = Json.object();
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                if (it.kind() == Kind.ConditionCheck) {
                    if (capacity.wanted()) capacity.table(it.table().name(), Capacity.readUnits(0, true) * 2, true);
                } else {
                    Writes.charge(capacity, it.table(), images.get(i)[0], images.get(i)[1], 2);
                }
            }
            capacity.putList(response);
            if (token != null) tokens.remember(token, fingerprint, response, context.database().clock().millis());
            return response;
        });
    }

    private static List<Map<String, AttributeValue>[]> run(List<Item> items, dev.meridian.dynamodb.storage.WriteTransaction tx) {
        List<Map<String, AttributeValue>[]> images = new ArrayList<>();
        List<ObjectNode> reasons = new ArrayList<>();
        boolean failed = false;
        for (Item it : items) {
            Map<String, AttributeValue> current = tx.get(it.table(), it.key());
            ObjectNode reason = Json.object();
            Map<String, AttributeValue> next = current;
            try {
                if (it.condition() != null && !it.condition().test(current)) {
                    reason.put("Code", "ConditionalCheckFailed").put("Message", Conditions.FAILED);
                    if (it.oldOnFailure() && current != null) reason.set("Item", ItemJson.toNode(current));
                    failed = true;
                } else {
                    switch (it.kind()) {
                        case Put -> next = it.putItem();
                        case Delete -> next = null;
                        case Update -> next = UpdateItem.apply(it.update().update(), current, it.keyMap(), it.table());
                        default -> { }
                    }
                    reason.put("Code", "None");
                }
            } catch (DynamoDbException e) {
                if (!e.type().equals("ValidationException")) throw e;
                reason.removeAll();
                reason.put("Code", "ValidationError").put("Message", e.getMessage());
                failed = true;
            }
            reasons.add(reason);
            @SuppressWarnings("unchecked")
            Map<String, AttributeValue>[] pair = new Map[] {current, next};
            images.add(pair);
        }
        if (failed) {
            List<String> codes = new ArrayList<>();
            ArrayNode out = Json.NODES.arrayNode();
            for (ObjectNode r : reasons) {
                codes.add(r.get("Code").asText());
                out.add(r);
            }
            throw new DynamoDbException("TransactionCanceledException", 400,
                    "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes,
                    Map.of("CancellationReasons", out));
        }
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.kind() == Kind.ConditionCheck) continue;
            Map<String, AttributeValue> next = images.get(i)[1];
            if (next == null) {
                if (images.get(i)[0] != null) tx.delete(it.table(), it.key());
            } else {
                tx.put(it.table(), it.key(), next);
            }
        }
        return images;
    }

    private static Item parse(JsonNode entry, RequestContext context) {
        Kind kind = null;
        JsonNode body = null;
        int count = 0;
        for (Kind k : Kind.values()) {
            JsonNode n = entry.get(k.name());
            if (n != null && !n.isNull()) {
                kind = k;
                body = n;
                count++;
            }
        }
        if (count != 1) {
            throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        Table table = Requests.table(body, context);
        boolean oldOnFailure = Conditions.returnOldOnFailure(body);
        switch (kind) {
            case Put -> {
                Map<String, AttributeValue> item = Requests.item(body, "Item", "transactItems.member.put.item");
                ItemKey key = table.definition().key().keyOf(item, false);
                Writes.checkIndexKeys(table, item);
                Writes.checkSize(item);
                ExpressionAttributes attributes = Expr.attributes(body, "ConditionExpression");
                Condition condition = Conditions.parse(body, attributes);
                if (attributes != null) attributes.requireAllUsed();
                return new Item(kind, table, key, table.definition().key().project(item), item, null, condition, oldOnFailure);
            }
            case Update -> {
                Map<String, AttributeValue> keyMap = Requests.item(body, "Key", "transactItems.member.update.key");
                ItemKey key = table.definition().key().keyOf(keyMap, true);
                if (!Requests.present(body, "UpdateExpression")) {
                    throw Requests.constraint(null, "transactItems.member.update.updateExpression", "Member must not be null");
                }
                UpdateItem.Parsed parsed = UpdateItem.parse(body, table.definition().key());
                return new Item(kind, table, key, keyMap, null, parsed, parsed.condition(), oldOnFailure);
            }
            case Delete, ConditionCheck -> {
                Map<String, AttributeValue> keyMap = Requests.item(body, "Key", "transactItems.member.key");
                ItemKey key = table.definition().key().keyOf(keyMap, true);
                if (kind == Kind.ConditionCheck && !Requests.present(body, "ConditionExpression")) {
                    throw Requests.constraint(null, "transactItems.member.conditionCheck.conditionExpression", "Member must not be null");
                }
                ExpressionAttributes attributes = Expr.attributes(body, "ConditionExpression");
                Condition condition = Conditions.parse(body, attributes);
                if (attributes != null) attributes.requireAllUsed();
                return new Item(kind, table, key, keyMap, null, null, condition, oldOnFailure);
            }
            default -> throw new IllegalStateException("unreachable: " + kind);
        }
    }
}

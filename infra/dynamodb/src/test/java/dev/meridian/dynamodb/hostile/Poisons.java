package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.meridian.dynamodb.hostile.Fixture.compItem;
import static dev.meridian.dynamodb.hostile.Fixture.compKey;
import static dev.meridian.dynamodb.hostile.Json.arr;
import static dev.meridian.dynamodb.hostile.Json.n;
import static dev.meridian.dynamodb.hostile.Json.obj;
import static dev.meridian.dynamodb.hostile.Json.s;

/**
 * Edits that make a valid request certainly invalid, each with the error types DynamoDB
 * documents for it. A poisoned request must be refused with one of them and change nothing.
 */
enum Poisons {

    UNKNOWN_TABLE(Set.of("ResourceNotFoundException"), except("CreateTable", "ListTables")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            Paths.members(req, "TableName").forEach(slot -> slot.set(Json.node(f.missing)));
            renameRequestItems(req, f.missing);
            return req;
        }
    },
    BAD_TABLE_NAME(Set.of("ValidationException"), except("ListTables")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            // names no table (and no table ARN) can have; length limits only where they are fixed (CreateTable)
            List<String> names = new java.util.ArrayList<>(List.of("", "bad name!", "ταβλε", "tab\u0000le"));
            if (op.equals("CreateTable")) names.addAll(List.of("ab", "x".repeat(256), "ta/ble"));
            String bad = pick(r, names);
            if (req.has("RequestItems")) {
                renameRequestItems(req, bad.isEmpty() ? "a" : bad);
            } else {
                pick(r, Paths.members(req, "TableName")).set(Json.node(bad));
            }
            return req;
        }
    },
    MALFORMED_ATTRIBUTE_VALUE(Set.of("ValidationException", "SerializationException", "TransactionCanceledException"),
            List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                    "BatchWriteItem", "TransactWriteItems", "TransactGetItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            pick(r, Paths.attributeValues(req)).set(MalformedValues.any(r));
            return req;
        }
    },
    BROKEN_EXPRESSION(Set.of("ValidationException", "TransactionCanceledException"),
            List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                    "TransactWriteItems", "TransactGetItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            Paths.Slot slot = pick(r, Paths.expressions(req));
            String e = slot.get().asText();
            String breaker = pick(r, List.of("(", ")", "[", "@", "\"", "\\", "$", "~"));
            int at = r.nextInt(e.length() + 1);
            slot.set(Json.node(e.substring(0, at) + breaker + e.substring(at)));
            return req;
        }
    },
    UNDEFINED_PLACEHOLDER(Set.of("ValidationException", "TransactionCanceledException"),
            List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "TransactWriteItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            Paths.Slot slot = pick(r, Paths.expressions(req));
            String e = slot.get().asText();
            String edited = switch (slot.field()) {
                case "ProjectionExpression" -> e + ", #zzUndefined";
                case "UpdateExpression" -> e.startsWith("SET ") ? "SET #zzUndefined = :zzUndefined, " + e.substring(4)
                        : "SET #zzUndefined = :zzUndefined " + e;
                default -> "(" + e + ") AND #zzUndefined = :zzUndefined";
            };
            slot.set(Json.node(edited));
            return req;
        }
    },
    UNUSED_PLACEHOLDER(Set.of("ValidationException", "TransactionCanceledException"),
            List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                    "TransactWriteItems", "TransactGetItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            ObjectNode holder = pick(r, Paths.expressionHolders(req));
            boolean projectionOnly = holder.has("ProjectionExpression") && !holder.has("ConditionExpression")
                    && !holder.has("FilterExpression") && !holder.has("KeyConditionExpression") && !holder.has("UpdateExpression");
            if (projectionOnly || r.nextBoolean()) {
                holder.withObject("/ExpressionAttributeNames").put("#zzUnused", "x");
            } else {
                holder.withObject("/ExpressionAttributeValues").set(":zzUnused", s("x"));
            }
            return req;
        }
    },
    RESERVED_WORD_BARE(Set.of("ValidationException", "TransactionCanceledException"),
            List.of("PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "TransactWriteItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            for (Paths.Slot slot : Paths.expressions(req)) {
                if (slot.field().equals("ConditionExpression") || slot.field().equals("FilterExpression")) {
                    slot.set(Json.node("(" + slot.get().asText() + ") OR #c = :zzR AND " + pick(r, List.of("status", "name", "data", "size")) + " = :zzR"));
                    ObjectNode holder = (ObjectNode) slot.parent();
                    holder.withObject("/ExpressionAttributeValues").set(":zzR", s("r"));
                    holder.withObject("/ExpressionAttributeNames").put("#c", "c");
                    return req;
                }
            }
            return null;
        }
    },
    OVERSIZED_ITEM(Set.of("ValidationException", "TransactionCanceledException"),
            List.of("PutItem", "UpdateItem", "BatchWriteItem", "TransactWriteItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            ObjectNode big = s("x".repeat(400 * 1024 + r.nextInt(2000)));
            if (req.has("UpdateExpression")) {
                return obj("TableName", f.comp, "Key", compKey("p1", 1), "UpdateExpression", "SET big = :big",
                        "ExpressionAttributeValues", obj(":big", big));
            }
            List<Paths.Slot> items = Paths.members(req, "Item");
            ((ObjectNode) pick(r, items).get()).set("big", big);
            return req;
        }
    },
    KEY_SHAPE(Set.of("ValidationException", "TransactionCanceledException"),
            List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "BatchGetItem", "BatchWriteItem",
                    "TransactWriteItems", "TransactGetItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            List<ObjectNode> keys = new java.util.ArrayList<>();
            List<ObjectNode> items = new java.util.ArrayList<>();
            Paths.members(req, "Key").forEach(slot -> keys.add((ObjectNode) slot.get()));
            Paths.members(req, "Keys").forEach(slot -> slot.get().forEach(k -> keys.add((ObjectNode) k)));
            Paths.members(req, "Item").forEach(slot -> items.add((ObjectNode) slot.get()));
            boolean item = keys.isEmpty() || (!items.isEmpty() && r.nextBoolean());
            ObjectNode target = pick(r, item ? items : keys);
            String keyAttr = target.has("id") ? "id" : (r.nextBoolean() ? "pk" : "sk");
            switch (r.nextInt(3)) {
                case 0 -> target.remove(keyAttr);
                case 1 -> target.set(keyAttr, keyAttr.equals("sk") ? s("not-a-number-key") : n("7"));
                default -> {
                    if (item) {
                        target.set(keyAttr, obj("SS", arr("a")));   // a key attribute must be S, N or B
                    } else {
                        target.set("extra", s("e"));               // a key has only the key attributes
                    }
                }
            }
            return req;
        }
    },
    BAD_ENUM(Set.of("ValidationException"),
            List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem",
                    "BatchWriteItem", "TransactWriteItems", "TransactGetItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            List<String> members = switch (op) {
                case "PutItem", "UpdateItem", "DeleteItem" -> List.of("ReturnValues", "ReturnConsumedCapacity",
                        "ReturnItemCollectionMetrics", "ReturnValuesOnConditionCheckFailure");
                case "Query", "Scan" -> List.of("Select", "ReturnConsumedCapacity");
                case "BatchWriteItem", "TransactWriteItems" -> List.of("ReturnConsumedCapacity", "ReturnItemCollectionMetrics");
                default -> List.of("ReturnConsumedCapacity");
            };
            String member = pick(r, members);
            List<String> bad = new java.util.ArrayList<>(List.of("BOGUS", "all_old", "", "TOTAL ", "NONE,TOTAL"));
            if (member.equals("ReturnValues") && !op.equals("UpdateItem")) bad.add("UPDATED_NEW");
            req.put(member, pick(r, bad));
            return req;
        }
    },
    BAD_NUMBER_PARAMETER(Set.of("ValidationException", "SerializationException"), List.of("Query", "Scan", "ListTables")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            switch (r.nextInt(op.equals("Scan") ? 4 : 1)) {
                case 0 -> req.set("Limit", Json.node(pick(r, List.of(0, -1, Integer.MIN_VALUE, "ten", true))));
                case 1 -> req.put("Segment", 2);
                case 2 -> req.set("TotalSegments", Json.node(pick(r, List.of(0, 1000001, -3))));
                default -> req.remove("TotalSegments");
            }
            return req;
        }
    },
    TOO_MANY_REQUESTS(Set.of("ValidationException"), List.of("BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            ArrayNode many = Json.F.arrayNode();
            return switch (req.has("RequestItems") ? (req.get("RequestItems").get(f.comp).isArray() ? 1 : 0) : 2) {
                case 0 -> {
                    for (int i = 0; i < 101; i++) many.add(compKey("m", i));
                    yield obj("RequestItems", obj(f.comp, obj("Keys", many)));
                }
                case 1 -> {
                    for (int i = 0; i < 26; i++) many.add(obj("PutRequest", obj("Item", compItem("m", i))));
                    yield obj("RequestItems", obj(f.comp, many));
                }
                default -> {
                    boolean write = req.get("TransactItems").get(0).has("Put");
                    for (int i = 0; i < 101; i++) {
                        many.add(write ? obj("Put", obj("TableName", f.comp, "Item", compItem("m", i)))
                                : obj("Get", obj("TableName", f.comp, "Key", compKey("m", i))));
                    }
                    yield obj("TransactItems", many);
                }
            };
        }
    },
    DUPLICATE_TARGETS(Set.of("ValidationException"), List.of("BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            if (req.has("RequestItems")) {
                JsonNode c = req.get("RequestItems").get(f.comp);
                if (c.isArray()) {
                    ((ArrayNode) c).add(obj("DeleteRequest", obj("Key", compKey("p2", 1))));
                } else {
                    ((ArrayNode) c.get("Keys")).add(compKey("p1", 1));
                }
            } else {
                ArrayNode items = (ArrayNode) req.get("TransactItems");
                items.add(items.get(r.nextInt(items.size())).deepCopy());
            }
            return req;
        }
    },
    /** Needs p1/1 and h1 to exist: {@link #prepare} puts them back first. */
    FAILING_CONDITION(Set.of("ConditionalCheckFailedException", "TransactionCanceledException"),
            List.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            ObjectNode common = obj("TableName", f.comp, "ConditionExpression", "attribute_not_exists(pk) OR #c = :c",
                    "ExpressionAttributeNames", obj("#c", "c"), "ExpressionAttributeValues", obj(":c", n("-1")),
                    "ReturnValuesOnConditionCheckFailure", r.nextBoolean() ? "ALL_OLD" : "NONE");
            return switch (op) {
                case "PutItem" -> common.setAll(obj("Item", compItem("p1", 1)));
                case "UpdateItem" -> {
                    common.put("UpdateExpression", "SET m.a = :txt REMOVE v");
                    ((ObjectNode) common.get("ExpressionAttributeValues")).set(":txt", s("changed"));
                    yield common.setAll(obj("Key", compKey("p1", 1)));
                }
                case "DeleteItem" -> common.setAll(obj("Key", compKey("p1", 1)));
                default -> {
                    ((ObjectNode) req.get("TransactItems").get(3).get("ConditionCheck"))
                            .put("ConditionExpression", "attribute_not_exists(id)");
                    yield req;
                }
            };
        }
    },
    WRONG_MEMBER_TYPE(Set.of("ValidationException", "SerializationException"), ValidRequests.ALL) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            List<String> members = new java.util.ArrayList<>();
            req.fieldNames().forEachRemaining(members::add);
            String member = pick(r, members);
            JsonNode current = req.get(member);
            // only replacements no JSON reader could coerce: containers for scalars and the reverse
            JsonNode replacement = current.isObject() ? pick(r, List.of(Json.node("text"), arr(1, 2), Json.node(false)))
                    : current.isArray() ? pick(r, List.of(Json.node("text"), obj("a", "b"), Json.node(3)))
                    : pick(r, List.of(arr(current), obj("value", current)));
            req.set(member, replacement);
            return req;
        }
    },
    TABLE_DEFINITION(Set.of("ValidationException", "ResourceNotFoundException", "ResourceInUseException"),
            List.of("CreateTable", "UpdateTable", "UpdateTimeToLive", "DeleteTable")) {
        @Override
        ObjectNode apply(String op, ObjectNode req, Fixture f, Random r) {
            return switch (op) {
                case "CreateTable" -> {
                    switch (r.nextInt(7)) {
                        case 0 -> req.remove("KeySchema");
                        case 1 -> req.set("KeySchema", arr(Fixture.key("undefined", "HASH")));
                        case 2 -> req.set("KeySchema", arr(Fixture.key("a", "RANGE")));
                        case 3 -> req.set("AttributeDefinitions", arr(Fixture.attr("a", "S"), Fixture.attr("b", "B"),
                                Fixture.attr("x", "N"), Fixture.attr("unused", "S")));
                        case 4 -> req.set("LocalSecondaryIndexes", arr(obj("IndexName", "lx",
                                "KeySchema", arr(Fixture.key("x", "HASH"), Fixture.key("b", "RANGE")),
                                "Projection", obj("ProjectionType", "ALL"))));
                        case 5 -> req.put("TableName", f.comp);   // exists already
                        default -> req.put("BillingMode", "FREE");
                    }
                    yield req;
                }
                case "UpdateTable" -> switch (r.nextInt(5)) {
                    case 0 -> obj("TableName", f.hash, "ProvisionedThroughput", obj("ReadCapacityUnits", 0, "WriteCapacityUnits", 5));
                    case 1 -> obj("TableName", f.hash);
                    case 2 -> obj("TableName", f.comp, "GlobalSecondaryIndexUpdates", arr(obj("Delete", obj("IndexName", "nope"))));
                    case 3 -> obj("TableName", f.comp, "GlobalSecondaryIndexUpdates", arr(obj("Create", obj("IndexName", "byG",
                            "KeySchema", arr(Fixture.key("g", "HASH")), "Projection", obj("ProjectionType", "ALL")))));
                    default -> obj("TableName", f.hash, "BillingMode", "PAY_PER_REQUEST",
                            "ProvisionedThroughput", obj("ReadCapacityUnits", 5, "WriteCapacityUnits", 5));
                };
                case "UpdateTimeToLive" -> switch (r.nextInt(3)) {
                    case 0 -> obj("TableName", f.hash, "TimeToLiveSpecification", obj("Enabled", true, "AttributeName", ""));
                    case 1 -> obj("TableName", f.hash);
                    default -> obj("TableName", f.hash, "TimeToLiveSpecification", obj("Enabled", false, "AttributeName", "other"));
                };
                default -> obj("TableName", f.missing);
            };
        }
    };

    final Set<String> allowed;
    final List<String> operations;

    Poisons(Set<String> allowed, List<String> operations) {
        this.allowed = allowed;
        this.operations = operations;
    }

    /** The poisoned form of a fresh valid request for {@code operation}, or null if the edit has no target there. */
    abstract ObjectNode apply(String operation, ObjectNode validRequest, Fixture f, Random r);

    private static List<String> except(String... excluded) {
        return ValidRequests.ALL.stream().filter(op -> !List.of(excluded).contains(op)).toList();
    }

    /** Run before the poisoned request is sent (and before the snapshot is taken); true if it wrote. */
    boolean prepare(Fixture f) {
        if (this == FAILING_CONDITION) {
            f.client.call("PutItem", obj("TableName", f.comp, "Item", compItem("p1", 1)));
            f.client.call("PutItem", obj("TableName", f.hash, "Item", obj("id", s("h1"), "exp", n("4102444800"))));
            return true;
        }
        return false;
    }

    static <T> T pick(Random r, List<T> options) {
        if (options.isEmpty()) {
            throw new IllegalStateException("a poison was offered an operation it has no target in");
        }
        return options.get(r.nextInt(options.size()));
    }

    private static void renameRequestItems(ObjectNode req, String name) {
        JsonNode items = req.get("RequestItems");
        if (items != null && items.isObject()) {
            ObjectNode renamed = Json.F.objectNode();
            renamed.set(name, items.elements().next());
            req.set("RequestItems", renamed);
        }
    }
}

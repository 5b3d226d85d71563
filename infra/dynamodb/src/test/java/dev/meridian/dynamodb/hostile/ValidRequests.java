package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.meridian.dynamodb.hostile.Fixture.attr;
import static dev.meridian.dynamodb.hostile.Fixture.compItem;
import static dev.meridian.dynamodb.hostile.Fixture.compKey;
import static dev.meridian.dynamodb.hostile.Fixture.key;
import static dev.meridian.dynamodb.hostile.Json.arr;
import static dev.meridian.dynamodb.hostile.Json.n;
import static dev.meridian.dynamodb.hostile.Json.obj;
import static dev.meridian.dynamodb.hostile.Json.s;

/**
 * One well-formed request per operation against the fixture, using as many request members as
 * the operation has (expressions with names and values, projections, return options), so that
 * mutating it reaches every part of the engine's request validation.
 */
final class ValidRequests {

    /** Operations whose valid request changes nothing but new, uniquely named resources. */
    static final List<String> MUTABLE = List.of(
            "PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
            "TransactWriteItems", "TransactGetItems", "CreateTable", "DescribeTable", "ListTables",
            "DescribeTimeToLive");

    /** Every operation the poisons aim at: the above and the table operations whose valid form would change the fixture. */
    static final List<String> ALL = java.util.stream.Stream.concat(MUTABLE.stream(),
            java.util.stream.Stream.of("UpdateTable", "UpdateTimeToLive", "DeleteTable")).toList();

    private static final AtomicLong SEQ = new AtomicLong();

    private ValidRequests() {
    }

    static ObjectNode of(String operation, Fixture f) {
        String c = f.comp;
        return switch (operation) {
            case "PutItem" -> obj("TableName", c, "Item", compItem("p0", 2),
                    "ConditionExpression", "attribute_not_exists(#p) OR (#c >= :lo AND size(v) < :n)",
                    "ExpressionAttributeNames", obj("#p", "pk", "#c", "c"),
                    "ExpressionAttributeValues", obj(":lo", n("0"), ":n", n("10")),
                    "ReturnValues", "ALL_OLD", "ReturnConsumedCapacity", "TOTAL");
            case "GetItem" -> obj("TableName", c, "Key", compKey("p1", 1),
                    "ProjectionExpression", "#p, v[0], m.b.c, #s", "ExpressionAttributeNames", obj("#p", "pk", "#s", "status"),
                    "ConsistentRead", true);
            case "UpdateItem" -> obj("TableName", c, "Key", compKey("p1", 3),
                    "UpdateExpression", "SET #c = if_not_exists(#c, :z) + :one, m.a = :txt, v = list_append(v, :more)"
                            + " REMOVE gone ADD ns :ns DELETE ss :ss",
                    "ConditionExpression", "attribute_exists(pk) AND NOT contains(ss, :never)",
                    "ExpressionAttributeNames", obj("#c", "c"),
                    "ExpressionAttributeValues", obj(":z", n("0"), ":one", n("1"), ":txt", s("t"),
                            ":more", obj("L", arr(s("z"))), ":ns", obj("NS", arr("7")), ":ss", obj("SS", arr("u")),
                            ":never", s("nope")),
                    "ReturnValues", "UPDATED_NEW");
            case "DeleteItem" -> obj("TableName", c, "Key", compKey("p0", 4),
                    "ConditionExpression", "#c BETWEEN :lo AND :hi AND attribute_type(m, :t)",
                    "ExpressionAttributeNames", obj("#c", "c"),
                    "ExpressionAttributeValues", obj(":lo", n("0"), ":hi", n("1000"), ":t", s("M")),
                    "ReturnValues", "ALL_OLD");
            case "Query" -> obj("TableName", c, "KeyConditionExpression", "pk = :p AND sk BETWEEN :a AND :b",
                    "FilterExpression", "contains(v, :s) OR begins_with(g, :g)", "ProjectionExpression", "pk, sk, g",
                    "ExpressionAttributeValues", obj(":p", s("p1"), ":a", n("0"), ":b", n("9"), ":s", s("a"), ":g", s("g")),
                    "Limit", 2, "ScanIndexForward", false, "ReturnConsumedCapacity", "INDEXES");
            case "Scan" -> obj("TableName", c, "IndexName", "byG", "FilterExpression", "NOT (#c IN (:a, :b))",
                    "ExpressionAttributeNames", obj("#c", "c"),
                    "ExpressionAttributeValues", obj(":a", n("10"), ":b", n("20")),
                    "Segment", 0, "TotalSegments", 2, "Limit", 3, "Select", "ALL_PROJECTED_ATTRIBUTES");
            case "BatchGetItem" -> obj("RequestItems", obj(
                    c, obj("Keys", arr(compKey("p1", 1), compKey("p0", 2)), "ProjectionExpression", "pk, #x",
                            "ExpressionAttributeNames", obj("#x", "c"), "ConsistentRead", true),
                    f.hash, obj("Keys", arr(obj("id", s("h1"))))));
            case "BatchWriteItem" -> obj("RequestItems", obj(
                    c, arr(obj("PutRequest", obj("Item", compItem("p2", 1))),
                            obj("DeleteRequest", obj("Key", compKey("p2", 2)))),
                    f.hash, arr(obj("PutRequest", obj("Item", obj("id", s("h9"), "exp", n("4102444800")))))),
                    "ReturnConsumedCapacity", "TOTAL");
            case "TransactWriteItems" -> obj("TransactItems", arr(
                    obj("Put", obj("TableName", c, "Item", compItem("p3", 1), "ConditionExpression", "attribute_not_exists(pk)")),
                    obj("Update", obj("TableName", c, "Key", compKey("p1", 1), "UpdateExpression", "ADD #c :one",
                            "ExpressionAttributeNames", obj("#c", "c"), "ExpressionAttributeValues", obj(":one", n("1")))),
                    obj("Delete", obj("TableName", f.hash, "Key", obj("id", s("h8")))),
                    obj("ConditionCheck", obj("TableName", f.hash, "Key", obj("id", s("h1")),
                            "ConditionExpression", "attribute_exists(id)"))),
                    "ClientRequestToken", "tok-" + SEQ.incrementAndGet() + "-" + System.nanoTime());
            case "TransactGetItems" -> obj("TransactItems", arr(
                    obj("Get", obj("TableName", c, "Key", compKey("p1", 1), "ProjectionExpression", "pk, m.a")),
                    obj("Get", obj("TableName", f.hash, "Key", obj("id", s("h2"))))));
            case "CreateTable" -> obj("TableName", f.prefix + "_new_" + SEQ.incrementAndGet(),
                    "AttributeDefinitions", arr(attr("a", "S"), attr("b", "B"), attr("x", "N")),
                    "KeySchema", arr(key("a", "HASH"), key("b", "RANGE")),
                    "GlobalSecondaryIndexes", arr(obj("IndexName", "gx", "KeySchema", arr(key("x", "HASH")),
                            "Projection", obj("ProjectionType", "INCLUDE", "NonKeyAttributes", arr("y")))),
                    "BillingMode", "PAY_PER_REQUEST");
            case "DescribeTable", "DescribeTimeToLive" -> obj("TableName", c);
            case "ListTables" -> obj("Limit", 3, "ExclusiveStartTableName", f.prefix);
            case "UpdateTable" -> obj("TableName", f.hash, "ProvisionedThroughput",
                    obj("ReadCapacityUnits", 6, "WriteCapacityUnits", 6));
            case "UpdateTimeToLive" -> obj("TableName", f.hash,
                    "TimeToLiveSpecification", obj("Enabled", true, "AttributeName", "exp"));
            case "DeleteTable" -> obj("TableName", f.missing);
            default -> throw new IllegalArgumentException("no valid request for " + operation);
        };
    }
}

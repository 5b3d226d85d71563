package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.wire.OperationRegistry;

import java.util.List;

/** Registers the engine's own DynamoDB operations. */
public final class CoreOperations {

    /** Operations of the API the engine answers with a ValidationException naming them. */
    static final List<String> UNSUPPORTED = List.of("ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
            "CreateBackup", "RestoreTableFromBackup", "RestoreTableToPointInTime", "ExportTableToPointInTime",
            "ImportTable", "CreateGlobalTable", "UpdateGlobalTable");

    private CoreOperations() {
    }

    public static void register(OperationRegistry registry) {
        registry.registerDynamoDb("CreateTable", new CreateTable());
        registry.registerDynamoDb("DescribeTable", new DescribeTable());
        registry.registerDynamoDb("DeleteTable", new DeleteTable());
        registry.registerDynamoDb("ListTables", new ListTables());
        registry.registerDynamoDb("UpdateTable", new UpdateTable());
        registry.registerDynamoDb("PutItem", new PutItem());
        registry.registerDynamoDb("GetItem", new GetItem());
        registry.registerDynamoDb("UpdateItem", new UpdateItem());
        registry.registerDynamoDb("DeleteItem", new DeleteItem());
        registry.registerDynamoDb("Query", new Query());
        registry.registerDynamoDb("Scan", new Scan());
        registry.registerDynamoDb("BatchGetItem", new BatchGetItem());
        registry.registerDynamoDb("BatchWriteItem", new BatchWriteItem());
        registry.registerDynamoDb("TransactWriteItems", new TransactWriteItems());
        registry.registerDynamoDb("TransactGetItems", new TransactGetItems());
        Tags.register(registry);
        registry.registerDynamoDb("DescribeLimits", (request, context) -> {
            ObjectNode n = Json.object();
            n.put("AccountMaxReadCapacityUnits", 80000).put("AccountMaxWriteCapacityUnits", 80000)
                    .put("TableMaxReadCapacityUnits", 40000).put("TableMaxWriteCapacityUnits", 40000);
            return n;
        });
        registry.registerDynamoDb("DescribeEndpoints", (request, context) -> {
            ObjectNode n = Json.object();
            n.putArray("Endpoints").addObject().put("Address", "dynamodb." + context.region() + ".amazonaws.com")
                    .put("CachePeriodInMinutes", 1440);
            return n;
        });
        for (String name : UNSUPPORTED) {
            String what = name.contains("Statement") || name.equals("ExecuteTransaction") ? "PartiQL (" + name + ")" : name;
            registry.registerDynamoDb(name, (request, context) -> {
                throw DynamoDbException.validation(what + " is not supported by this engine");
            });
        }
    }
}

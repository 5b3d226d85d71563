package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

/** DescribeTable. */
public final class DescribeTable implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        String name = Requests.tableName(request, "tableName");
        Table table = context.database().table(name);
        if (table == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        ObjectNode response = Json.object();
        response.set("Table", TableDescriptions.describe(table, context, "ACTIVE"));
        return response;
    }
}

package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

/** DeleteTable: gone at once; the answer describes it as DELETING, as the service does. */
public final class DeleteTable implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        String name = Requests.tableName(request, "tableName");
        Table table = context.database().deleteTable(name);
        ObjectNode response = Json.object();
        response.set("TableDescription", TableDescriptions.describe(table, context, "DELETING"));
        return response;
    }
}

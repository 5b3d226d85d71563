package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.IndexDefinition;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** CreateTable: the table is ACTIVE at once. */
public final class CreateTable implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        if (!Requests.present(request, "TableName")) {
            throw DynamoDbException.validation("The parameter 'TableName' is required but was not present in the request");
        }
        String name = Requests.tableName(request, "tableName");
        Map<String, String> types = TableSchemas.attributeDefinitions(request.get("AttributeDefinitions"), true);
        KeySchema key = TableSchemas.keySchema(request.get("KeySchema"), types, "keySchema");
        String billing = Requests.choice(request, "BillingMode", "billingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"), "PROVISIONED");
        boolean provisioned = billing.equals("PROVISIONED");
        JsonNode pt = request.get("ProvisionedThroughput");
        long read = 0;
        long write = 0;
        if (provisioned) {
            if (pt == null || pt.isNull()) {
                throw DynamoDbException.validation(TableSchemas.INVALID
                        + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            }
            long[] rw = TableSchemas.throughput(pt);
            read = rw[0];
            write = rw[1];
        } else if (pt != null && !pt.isNull()) {
            throw DynamoDbException.validation(TableSchemas.INVALID
                    + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode lsis = request.get("LocalSecondaryIndexes");
        if (lsis != null && !lsis.isNull()) {
            if (lsis.isEmpty()) throw DynamoDbException.validation(TableSchemas.INVALID + "List of LocalSecondaryIndexes is empty");
            if (lsis.size() > 5) throw DynamoDbException.validation(TableSchemas.INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
            for (JsonNode i : lsis) indexes.add(TableSchemas.index(i, false, types, key, provisioned));
        }
        JsonNode gsis = request.get("GlobalSecondaryIndexes");
        if (gsis != null && !gsis.isNull()) {
            if (gsis.isEmpty()) throw DynamoDbException.validation(TableSchemas.INVALID + "List of GlobalSecondaryIndexes is empty");
            if (gsis.size() > 20) throw DynamoDbException.validation(TableSchemas.INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
            for (JsonNode i : gsis) indexes.add(TableSchemas.index(i, true, types, key, provisioned));
        }
        for (IndexDefinition i : indexes) {
            if (!names.add(i.name())) {
                throw DynamoDbException.validation(TableSchemas.INVALID + "Duplicate index name: " + i.name());
            }
        }
        TableSchemas.checkAllDefinitionsUsed(types, key, indexes);
        boolean streamEnabled = false;
        String viewType = null;
        JsonNode ss = request.get("StreamSpecification");
        if (ss != null && !ss.isNull()) {
            streamEnabled = Requests.bool(ss, "StreamEnabled", false);
            viewType = Streams.viewType(ss, streamEnabled);
        }
        boolean protection = Requests.bool(request, "DeletionProtectionEnabled", false);
        long now = context.database().clock().millis();
        TableDefinition definition = new TableDefinition(name, UUID.randomUUID().toString(), key, types, indexes, billing,
                read, write, streamEnabled, streamEnabled ? viewType : null, streamEnabled ? Streams.label(now) : null,
                null, false, now, protection);
        Table table = context.database().createTable(definition);
        ObjectNode response = Json.object();
        response.set("TableDescription", TableDescriptions.describe(table, context, "ACTIVE"));
        return response;
    }
}

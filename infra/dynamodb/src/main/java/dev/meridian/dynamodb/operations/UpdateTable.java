package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.IndexDefinition;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UpdateTable: GlobalSecondaryIndexUpdates (Create, Delete, Update), StreamSpecification,
 * BillingMode / ProvisionedThroughput, DeletionProtectionEnabled. Changes are at once ACTIVE;
 * a new index is filled from the existing items.
 */
public final class UpdateTable implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        String name = Requests.tableName(request, "tableName");
        Table table = Requests.table(request, context);
        if (!Requests.present(request, "GlobalSecondaryIndexUpdates") && !Requests.present(request, "StreamSpecification")
                && !Requests.present(request, "BillingMode") && !Requests.present(request, "ProvisionedThroughput")
                && !Requests.present(request, "DeletionProtectionEnabled")) {
            throw DynamoDbException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        long now = context.database().clock().millis();
        context.database().updateDefinition(name, d -> change(d, request, now));
        ObjectNode response = Json.object();
        response.set("TableDescription", TableDescriptions.describe(table, context, "ACTIVE"));
        return response;
    }

    private static TableDefinition change(TableDefinition d, JsonNode request, long now) {
        TableDefinition next = d;
        String billing = Requests.choice(request, "BillingMode", "billingMode", List.of("PROVISIONED", "PAY_PER_REQUEST"), d.billingMode());
        JsonNode pt = request.get("ProvisionedThroughput");
        if (billing.equals("PAY_PER_REQUEST")) {
            if (pt != null && !pt.isNull()) {
                throw DynamoDbException.validation(TableSchemas.INVALID
                        + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            next = next.withBilling(billing, 0, 0);
        } else {
            long[] rw = pt == null || pt.isNull() ? new long[] {d.readCapacity(), d.writeCapacity()} : TableSchemas.throughput(pt);
            if (rw[0] == 0 && !d.billingMode().equals("PROVISIONED")) {
                throw DynamoDbException.validation(TableSchemas.INVALID
                        + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
            }
            if (pt != null && !pt.isNull() && d.billingMode().equals("PROVISIONED")
                    && rw[0] == d.readCapacity() && rw[1] == d.writeCapacity()) {
                throw DynamoDbException.validation("The provisioned throughput for the table will not change. The requested "
                        + "value equals the current value. Current ReadCapacityUnits provisioned for the table: " + rw[0]
                        + ". Requested ReadCapacityUnits: " + rw[0] + ". Current WriteCapacityUnits provisioned for the table: "
                        + rw[1] + ". Requested WriteCapacityUnits: " + rw[1] + ". Refer to the Amazon DynamoDB Developer Guide "
                        + "for current limits and how to request higher limits.");
            }
            next = next.withBilling(billing, rw[0], rw[1]);
        }
        JsonNode updates = request.get("GlobalSecondaryIndexUpdates");
        if (updates != null && !updates.isNull()) {
            next = indexUpdates(next, updates, request);
        }
        JsonNode ss = request.get("StreamSpecification");
        if (ss != null && !ss.isNull()) {
            boolean enabled = Requests.bool(ss, "StreamEnabled", false);
            String viewType = Streams.viewType(ss, enabled);
            if (enabled && d.streamEnabled()) {
                throw DynamoDbException.validation("Table already has an enabled stream: "
                        + "arn:aws:dynamodb:stream/" + d.streamLabel());
            }
            if (!enabled && !d.streamEnabled()) {
                throw DynamoDbException.validation("Table already has no enabled stream");
            }
            next = enabled ? next.withStream(true, viewType, Streams.label(now)) : next.withStream(false, null, d.streamLabel());
        }
        if (Requests.present(request, "DeletionProtectionEnabled")) {
            next = next.withDeletionProtection(Requests.bool(request, "DeletionProtectionEnabled", false));
        }
        return next;
    }

    private static TableDefinition indexUpdates(TableDefinition d, JsonNode updates, JsonNode request) {
        Map<String, String> types = new LinkedHashMap<>(d.attributeTypes());
        Map<String, String> given = TableSchemas.attributeDefinitions(request.get("AttributeDefinitions"), false);
        for (Map.Entry<String, String> e : given.entrySet()) {
            String existing = types.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue())) {
                throw DynamoDbException.validation(TableSchemas.INVALID + "Attribute " + e.getKey()
                        + " is already defined with type " + existing);
            }
            types.put(e.getKey(), e.getValue());
        }
        List<IndexDefinition> indexes = new ArrayList<>(d.indexes());
        for (JsonNode u : updates) {
            if (u.has("Create")) {
                IndexDefinition ix = TableSchemas.index(u.get("Create"), true, types, d.key(), !d.payPerRequest());
                if (d.index(ix.name()) != null || indexes.stream().anyMatch(i -> i.name().equals(ix.name()))) {
                    throw DynamoDbException.validation(TableSchemas.INVALID + "Attempting to create an index which already exists");
                }
                indexes.add(ix);
            } else if (u.has("Delete")) {
                indexes.remove(existingGlobalIndex(d, u.get("Delete")));
            } else if (u.has("Update")) {
                IndexDefinition ix = existingGlobalIndex(d, u.get("Update"));
                long[] rw = TableSchemas.throughput(u.get("Update").path("ProvisionedThroughput"));
                indexes.set(indexes.indexOf(ix), ix.withCapacity(rw[0], rw[1]));
            } else {
                throw DynamoDbException.validation("One or more parameter values were invalid: "
                        + "a GlobalSecondaryIndexUpdate needs one of Create, Update or Delete");
            }
        }
        // attribute definitions keep only what a key still uses
        Map<String, String> used = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : types.entrySet()) {
            boolean u = d.key().isKeyAttribute(e.getKey());
            for (IndexDefinition i : indexes) u |= i.key().isKeyAttribute(e.getKey());
            if (u) used.put(e.getKey(), e.getValue());
        }
        return d.withIndexes(indexes, used);
    }

    /** The global secondary index a Delete or Update names; an unknown (or local) one is ResourceNotFound. */
    private static IndexDefinition existingGlobalIndex(TableDefinition d, JsonNode action) {
        String n = action.path("IndexName").asText();
        IndexDefinition ix = d.index(n);
        if (ix == null || !ix.global()) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Requested index " + n + " not found");
        }
        return ix;
    }
}

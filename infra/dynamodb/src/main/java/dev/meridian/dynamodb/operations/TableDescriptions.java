package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.IndexDefinition;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;
import dev.meridian.dynamodb.wire.RequestContext;

import java.math.BigDecimal;

/** The TableDescription structure of CreateTable, DescribeTable, UpdateTable and DeleteTable. */
public final class TableDescriptions {

    private TableDescriptions() {
    }

    public static String streamArn(RequestContext context, TableDefinition d) {
        return context.tableArn(d.name()) + "/stream/" + d.streamLabel();
    }

    public static ObjectNode describe(Table table, RequestContext context, String status) {
        TableDefinition d = table.definition();
        ObjectNode n = Json.object();
        ArrayNode defs = n.putArray("AttributeDefinitions");
        d.attributeTypes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                defs.addObject().put("AttributeName", e.getKey()).put("AttributeType", e.getValue()));
        n.put("TableName", d.name());
        n.set("KeySchema", keySchema(d.key()));
        n.put("TableStatus", status);
        n.put("CreationDateTime", BigDecimal.valueOf(d.createdAt()).movePointLeft(3));
        n.set("ProvisionedThroughput", throughput(d.readCapacity(), d.writeCapacity()));
        n.put("TableSizeBytes", table.sizeBytes());
        n.put("ItemCount", table.itemCount());
        String arn = context.tableArn(d.name());
        n.put("TableArn", arn);
        n.put("TableId", d.tableId());
        if (d.payPerRequest()) {
            n.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST")
                    .put("LastUpdateToPayPerRequestDateTime", BigDecimal.valueOf(d.createdAt()).movePointLeft(3));
        }
        ArrayNode lsis = null;
        ArrayNode gsis = null;
        for (IndexDefinition i : d.indexes()) {
            ObjectNode x;
            if (i.global()) {
                if (gsis == null) gsis = Json.NODES.arrayNode();
                x = gsis.addObject();
            } else {
                if (lsis == null) lsis = Json.NODES.arrayNode();
                x = lsis.addObject();
            }
            x.put("IndexName", i.name());
            x.set("KeySchema", keySchema(i.key()));
            ObjectNode p = x.putObject("Projection").put("ProjectionType", i.projectionType());
            if (i.projectionType().equals("INCLUDE")) {
                ArrayNode nk = p.putArray("NonKeyAttributes");
                i.nonKeyAttributes().forEach(nk::add);
            }
            if (i.global()) {
                x.put("IndexStatus", "ACTIVE");
                x.set("ProvisionedThroughput", throughput(i.readCapacity(), i.writeCapacity()));
            }
            x.put("IndexSizeBytes", table.indexSizeBytes(i.name()));
            x.put("ItemCount", table.indexItemCount(i.name()));
            x.put("IndexArn", arn + "/index/" + i.name());
        }
        if (lsis != null) n.set("LocalSecondaryIndexes", lsis);
        if (gsis != null) n.set("GlobalSecondaryIndexes", gsis);
        if (d.streamEnabled()) {
            n.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", d.streamViewType());
        }
        if (d.streamLabel() != null) {
            n.put("LatestStreamLabel", d.streamLabel());
            n.put("LatestStreamArn", streamArn(context, d));
        }
        n.put("DeletionProtectionEnabled", d.deletionProtection());
        return n;
    }

    private static ArrayNode keySchema(KeySchema k) {
        ArrayNode a = Json.NODES.arrayNode();
        a.addObject().put("AttributeName", k.hashName()).put("KeyType", "HASH");
        if (k.hasRange()) a.addObject().put("AttributeName", k.rangeName()).put("KeyType", "RANGE");
        return a;
    }

    private static ObjectNode throughput(long read, long write) {
        ObjectNode o = Json.object();
        o.put("NumberOfDecreasesToday", 0);
        o.put("ReadCapacityUnits", read);
        o.put("WriteCapacityUnits", write);
        return o;
    }
}

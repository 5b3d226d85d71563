package dev.meridian.dynamodb.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines a table (not its items), immutable. Changes make a new definition
 * ({@code with...}) which {@link Database#updateDefinition} installs and announces to the
 * {@link dev.meridian.dynamodb.engine.CatalogListener}s. {@code streamLabel} is set when a stream
 * is enabled (the stream ARN's last part); {@code ttlAttribute}/{@code ttlEnabled} are the TTL
 * setting (UpdateTimeToLive).
 */
public record TableDefinition(String name, String tableId, KeySchema key, Map<String, String> attributeTypes,
                              List<IndexDefinition> indexes, String billingMode, long readCapacity,
                              long writeCapacity, boolean streamEnabled, String streamViewType,
                              String streamLabel, String ttlAttribute, boolean ttlEnabled,
                              long createdAt, boolean deletionProtection) {

    public TableDefinition {
        attributeTypes = Map.copyOf(new LinkedHashMap<>(attributeTypes));
        indexes = List.copyOf(indexes);
    }

    public IndexDefinition index(String indexName) {
        for (IndexDefinition i : indexes) {
            if (i.name().equals(indexName)) return i;
        }
        return null;
    }

    public boolean payPerRequest() {
        return "PAY_PER_REQUEST".equals(billingMode);
    }

    public TableDefinition withIndexes(List<IndexDefinition> newIndexes, Map<String, String> newTypes) {
        return new TableDefinition(name, tableId, key, newTypes, newIndexes, billingMode, readCapacity, writeCapacity,
                streamEnabled, streamViewType, streamLabel, ttlAttribute, ttlEnabled, createdAt, deletionProtection);
    }

    public TableDefinition withStream(boolean enabled, String viewType, String label) {
        return new TableDefinition(name, tableId, key, attributeTypes, indexes, billingMode, readCapacity, writeCapacity,
                enabled, viewType, label, ttlAttribute, ttlEnabled, createdAt, deletionProtection);
    }

    public TableDefinition withBilling(String mode, long read, long write) {
        return new TableDefinition(name, tableId, key, attributeTypes, indexes, mode, read, write,
                streamEnabled, streamViewType, streamLabel, ttlAttribute, ttlEnabled, createdAt, deletionProtection);
    }

    public TableDefinition withTtl(String attribute, boolean enabled) {
        return new TableDefinition(name, tableId, key, attributeTypes, indexes, billingMode, readCapacity, writeCapacity,
                streamEnabled, streamViewType, streamLabel, attribute, enabled, createdAt, deletionProtection);
    }

    public TableDefinition withDeletionProtection(boolean enabled) {
        return new TableDefinition(name, tableId, key, attributeTypes, indexes, billingMode, readCapacity, writeCapacity,
                streamEnabled, streamViewType, streamLabel, ttlAttribute, ttlEnabled, createdAt, enabled);
    }

    /** The stored form (for the durability log); {@link #fromJson} reads it back. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("name", name).put("tableId", tableId);
        n.set("key", keyJson(key));
        ObjectNode types = n.putObject("attributeTypes");
        attributeTypes.forEach(types::put);
        ArrayNode ix = n.putArray("indexes");
        for (IndexDefinition i : indexes) {
            ObjectNode o = ix.addObject();
            o.put("name", i.name()).put("global", i.global()).put("projectionType", i.projectionType())
                    .put("readCapacity", i.readCapacity()).put("writeCapacity", i.writeCapacity());
            o.set("key", keyJson(i.key()));
            ArrayNode nk = o.putArray("nonKeyAttributes");
            i.nonKeyAttributes().forEach(nk::add);
        }
        n.put("billingMode", billingMode).put("readCapacity", readCapacity).put("writeCapacity", writeCapacity)
                .put("streamEnabled", streamEnabled).put("streamViewType", streamViewType).put("streamLabel", streamLabel)
                .put("ttlAttribute", ttlAttribute).put("ttlEnabled", ttlEnabled).put("createdAt", createdAt)
                .put("deletionProtection", deletionProtection);
        return n;
    }

    public static TableDefinition fromJson(JsonNode n) {
        Map<String, String> types = new LinkedHashMap<>();
        n.get("attributeTypes").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asText()));
        List<IndexDefinition> ix = new ArrayList<>();
        for (JsonNode o : n.get("indexes")) {
            List<String> nk = new ArrayList<>();
            o.get("nonKeyAttributes").forEach(x -> nk.add(x.asText()));
            ix.add(new IndexDefinition(o.get("name").asText(), o.get("global").asBoolean(), keyFromJson(o.get("key")),
                    o.get("projectionType").asText(), nk, o.get("readCapacity").asLong(), o.get("writeCapacity").asLong()));
        }
        return new TableDefinition(n.get("name").asText(), n.get("tableId").asText(), keyFromJson(n.get("key")), types, ix,
                n.get("billingMode").asText(), n.get("readCapacity").asLong(), n.get("writeCapacity").asLong(),
                n.get("streamEnabled").asBoolean(), text(n, "streamViewType"), text(n, "streamLabel"),
                text(n, "ttlAttribute"), n.get("ttlEnabled").asBoolean(), n.get("createdAt").asLong(),
                n.path("deletionProtection").asBoolean(false));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static ObjectNode keyJson(KeySchema k) {
        ObjectNode o = Json.object();
        o.put("hashName", k.hashName()).put("hashType", k.hashType()).put("rangeName", k.rangeName()).put("rangeType", k.rangeType());
        return o;
    }

    private static KeySchema keyFromJson(JsonNode o) {
        return new KeySchema(o.get("hashName").asText(), o.get("hashType").asText(), text(o, "rangeName"), text(o, "rangeType"));
    }
}

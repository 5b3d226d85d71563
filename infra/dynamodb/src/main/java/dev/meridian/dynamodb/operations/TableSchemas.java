package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.storage.IndexDefinition;
import dev.meridian.dynamodb.storage.KeySchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsing and validating the schema parts of CreateTable and UpdateTable. */
final class TableSchemas {

    static final String INVALID = "One or more parameter values were invalid: ";

    private TableSchemas() {
    }

    /** AttributeDefinitions: name to type (S, N or B). */
    static Map<String, String> attributeDefinitions(JsonNode node, boolean required) {
        Map<String, String> types = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            if (required) throw Requests.constraint(null, "attributeDefinitions", "Member must not be null");
            return types;
        }
        int position = 0;
        for (JsonNode d : node) {
            position++;
            String name = d.path("AttributeName").asText(null);
            String type = d.path("AttributeType").asText(null);
            if (name == null || name.isEmpty()) {
                throw Requests.constraint(null, "attributeDefinitions." + position + ".member.attributeName", "Member must not be null");
            }
            if (type == null) {
                throw Requests.constraint(null, "attributeDefinitions." + position + ".member.attributeType", "Member must not be null");
            }
            if (!List.of("S", "N", "B").contains(type)) {
                throw Requests.constraint(type, "attributeDefinitions." + position + ".member.attributeType",
                        "Member must satisfy enum value set: [B, N, S]");
            }
            if (types.put(name, type) != null) {
                throw DynamoDbException.validation(INVALID + "Duplicate AttributeName in AttributeDefinitions: " + name);
            }
        }
        return types;
    }

    /** A KeySchema (table or index), each attribute resolved against the definitions. */
    static KeySchema keySchema(JsonNode node, Map<String, String> types, String member) {
        if (node == null || node.isNull()) {
            throw Requests.constraint(null, member, "Member must not be null");
        }
        if (!node.isArray() || node.size() < 1) {
            throw Requests.constraint("[]", member, "Member must have length greater than or equal to 1");
        }
        if (node.size() > 2) {
            StringBuilder shown = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) shown.append(", ");
                shown.append("KeySchemaElement(attributeName=").append(node.get(i).path("AttributeName").asText())
                        .append(", keyType=").append(node.get(i).path("KeyType").asText()).append(")");
            }
            throw Requests.constraint(shown.append("]"), member, "Member must have length less than or equal to 2");
        }
        String hash = null;
        String range = null;
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String name = e.path("AttributeName").asText(null);
            String type = e.path("KeyType").asText(null);
            String at = member + "." + (i + 1) + ".member";
            if (name == null || name.isEmpty()) {
                throw Requests.constraint(null, at + ".attributeName", "Member must not be null");
            }
            if (type == null) {
                throw Requests.constraint(null, at + ".keyType", "Member must not be null");
            }
            if (!"HASH".equals(type) && !"RANGE".equals(type)) {
                throw Requests.constraint(type, at + ".keyType", "Member must satisfy enum value set: [HASH, RANGE]");
            }
            if (i == 0 && !"HASH".equals(type)) {
                throw DynamoDbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            }
            if (i == 1 && !"RANGE".equals(type)) {
                throw DynamoDbException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            if (i == 0) hash = name; else range = name;
        }
        if (hash.equals(range)) {
            throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        for (String n : range == null ? List.of(hash) : List.of(hash, range)) {
            if (!types.containsKey(n)) {
                throw DynamoDbException.validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
                        + "Keys: [" + (range == null ? hash : hash + ", " + range) + "], AttributeDefinitions: " + types.keySet());
            }
        }
        return new KeySchema(hash, types.get(hash), range, range == null ? null : types.get(range));
    }

    /** Projection of an index: ALL, KEYS_ONLY or INCLUDE with NonKeyAttributes. */
    static IndexDefinition index(JsonNode node, boolean global, Map<String, String> types, KeySchema table,
                                 boolean provisioned) {
        String name = node.path("IndexName").asText(null);
        String member = global ? "globalSecondaryIndexes.member" : "localSecondaryIndexes.member";
        if (name == null) throw Requests.constraint(null, member + ".indexName", "Member must not be null");
        Requests.nameValue(node.get("IndexName"), member + ".indexName");
        KeySchema key = keySchema(node.get("KeySchema"), types, member + ".keySchema");
        if (!global) {
            if (!table.hasRange()) {
                throw DynamoDbException.validation(INVALID + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (!key.hashName().equals(table.hashName()) || !key.hasRange()) {
                throw DynamoDbException.validation(INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                        + name + ". index hash key: " + key.hashName() + ", table hash key: " + table.hashName());
            }
        }
        JsonNode p = node.get("Projection");
        if (p == null || p.isNull()) throw Requests.constraint(null, member + ".projection", "Member must not be null");
        String type = p.path("ProjectionType").asText("ALL");
        if (!List.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
            throw Requests.constraint(type, member + ".projection.projectionType", "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
        }
        List<String> nonKey = new ArrayList<>();
        JsonNode nk = p.get("NonKeyAttributes");
        if (nk != null && !nk.isNull()) {
            if (!type.equals("INCLUDE")) {
                throw DynamoDbException.validation(INVALID + "ProjectionType is " + type
                        + ", but NonKeyAttributes is specified");
            }
            nk.forEach(x -> nonKey.add(x.asText()));
        } else if (type.equals("INCLUDE")) {
            throw DynamoDbException.validation(INVALID + "NonKeyAttributes must be specified when ProjectionType is INCLUDE");
        }
        long read = 0;
        long write = 0;
        JsonNode pt = node.get("ProvisionedThroughput");
        if (global) {
            if (provisioned && (pt == null || pt.isNull())) {
                throw DynamoDbException.validation(INVALID + "ProvisionedThroughput must be specified for index: " + name);
            }
            if (!provisioned && pt != null && !pt.isNull()) {
                throw DynamoDbException.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
                        + name + " when BillingMode is PAY_PER_REQUEST");
            }
            if (pt != null && !pt.isNull()) {
                long[] rw = throughput(pt);
                read = rw[0];
                write = rw[1];
            }
        }
        return new IndexDefinition(name, global, key, type, nonKey, read, write);
    }

    static long[] throughput(JsonNode pt) {
        JsonNode r = pt.get("ReadCapacityUnits");
        JsonNode w = pt.get("WriteCapacityUnits");
        if (r == null || r.isNull()) throw Requests.constraint(null, "provisionedThroughput.readCapacityUnits", "Member must not be null");
        if (w == null || w.isNull()) throw Requests.constraint(null, "provisionedThroughput.writeCapacityUnits", "Member must not be null");
        if (r.asLong() < 1) throw Requests.constraint(r.asLong(), "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1");
        if (w.asLong() < 1) throw Requests.constraint(w.asLong(), "provisionedThroughput.writeCapacityUnits", "Member must have value greater than or equal to 1");
        return new long[] {r.asLong(), w.asLong()};
    }

    /** Every defined attribute must be a key of the table or an index. */
    static void checkAllDefinitionsUsed(Map<String, String> types, KeySchema table, List<IndexDefinition> indexes) {
        for (String name : types.keySet()) {
            boolean used = table.isKeyAttribute(name);
            for (IndexDefinition i : indexes) used |= i.key().isKeyAttribute(name);
            if (!used) {
                throw DynamoDbException.validation(INVALID + "Number of attributes in KeySchema does not exactly match "
                        + "number of attributes defined in AttributeDefinitions");
            }
        }
    }
}

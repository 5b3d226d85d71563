package dev.meridian.dynamodb.ttl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.TableDefinition;
import dev.meridian.dynamodb.wire.OperationRegistry;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.regex.Pattern;

/** UpdateTimeToLive and DescribeTimeToLive, with the API Reference's validation. */
public final class TimeToLiveApi {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private TimeToLiveApi() {
    }

    public static void registerWith(OperationRegistry registry) {
        registry.registerDynamoDb("UpdateTimeToLive", TimeToLiveApi::update);
        registry.registerDynamoDb("DescribeTimeToLive", TimeToLiveApi::describe);
    }

    static JsonNode update(JsonNode request, RequestContext context) {
        String table = tableName(request);
        JsonNode spec = request.get("TimeToLiveSpecification");
        if (spec == null || spec.isNull()) {
            throw notNull("timeToLiveSpecification");
        }
        if (!spec.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for TimeToLiveSpecification: expected a structure");
        }
        JsonNode nameNode = spec.get("AttributeName");
        JsonNode enabledNode = spec.get("Enabled");
        if (nameNode == null || nameNode.isNull()) {
            throw notNull("timeToLiveSpecification.attributeName");
        }
        if (enabledNode == null || enabledNode.isNull()) {
            throw notNull("timeToLiveSpecification.enabled");
        }
        if (!nameNode.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for AttributeName: expected a string");
        }
        if (!enabledNode.isBoolean()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for Enabled: expected a boolean");
        }
        String attribute = nameNode.textValue();
        boolean enabled = enabledNode.booleanValue();
        if (attribute.isEmpty() || attribute.length() > 255) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + attribute
                    + "' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                    + "Member must have length between 1 and 255");
        }
        Database db = context.database();
        db.requireTable(table);
        db.updateDefinition(table, d -> next(d, attribute, enabled));
        ObjectNode out = Json.object();
        out.putObject("TimeToLiveSpecification").put("AttributeName", attribute).put("Enabled", enabled);
        return out;
    }

    /** The definition after the change, or the documented ValidationException (then nothing changes). */
    static TableDefinition next(TableDefinition d, String attribute, boolean enabled) {
        if (enabled) {
            if (d.ttlEnabled()) {
                if (attribute.equals(d.ttlAttribute())) {
                    throw DynamoDbException.validation("TimeToLive is already enabled");
                }
                throw DynamoDbException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                        + d.ttlAttribute());
            }
            return d.withTtl(attribute, true);
        }
        if (!d.ttlEnabled()) {
            throw DynamoDbException.validation("TimeToLive is already disabled");
        }
        if (!attribute.equals(d.ttlAttribute())) {
            throw DynamoDbException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                    + d.ttlAttribute());
        }
        return d.withTtl(null, false);
    }

    static JsonNode describe(JsonNode request, RequestContext context) {
        TableDefinition d = context.database().requireTable(tableName(request)).definition();
        ObjectNode out = Json.object();
        ObjectNode description = out.putObject("TimeToLiveDescription");
        if (d.ttlEnabled()) {
            description.put("TimeToLiveStatus", "ENABLED").put("AttributeName", d.ttlAttribute());
        } else {
            description.put("TimeToLiveStatus", "DISABLED");
        }
        return out;
    }

    private static String tableName(JsonNode request) {
        JsonNode n = request.get("TableName");
        if (n == null || n.isNull()) {
            throw notNull("tableName");
        }
        if (!n.isTextual()) {
            throw DynamoDbException.serialization("Unexpected value type in payload for TableName: expected a string");
        }
        String name = n.textValue();
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + name
                    + "' at 'tableName' failed to satisfy constraint: Member must have length between 3 and 255");
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + name
                    + "' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    private static DynamoDbException notNull(String member) {
        return DynamoDbException.validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }
}

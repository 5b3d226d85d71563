package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.wire.OperationRegistry;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource, ListTagsOfResource on table ARNs (tags live in memory). */
final class Tags {

    private static final Pattern TABLE_ARN = Pattern.compile("arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\\d{12}):table/([a-zA-Z0-9_.-]{3,255})");

    private Tags() {
    }

    static void register(OperationRegistry registry) {
        registry.registerDynamoDb("TagResource", (request, context) -> {
            Table t = table(request, context);
            JsonNode tags = request.get("Tags");
            if (tags == null || !tags.isArray()) throw Requests.constraint(null, "tags", "Member must not be null");
            for (JsonNode tag : tags) {
                String key = tag.path("Key").asText("");
                if (key.isEmpty() || key.length() > 128) {
                    throw Requests.constraint(key, "tags.member.key", "Member must have length greater than or equal to 1");
                }
                t.tags().put(key, tag.path("Value").asText(""));
            }
            return Json.object();
        });
        registry.registerDynamoDb("UntagResource", (request, context) -> {
            Table t = table(request, context);
            JsonNode keys = request.get("TagKeys");
            if (keys == null || !keys.isArray()) throw Requests.constraint(null, "tagKeys", "Member must not be null");
            keys.forEach(k -> t.tags().remove(k.asText()));
            return Json.object();
        });
        registry.registerDynamoDb("ListTagsOfResource", (request, context) -> {
            Table t = table(request, context);
            ObjectNode response = Json.object();
            ArrayNode out = response.putArray("Tags");
            for (Map.Entry<String, String> e : t.tags().entrySet()) {
                out.addObject().put("Key", e.getKey()).put("Value", e.getValue());
            }
            return response;
        });
    }

    private static Table table(JsonNode request, RequestContext context) {
        String arn = Requests.string(request, "ResourceArn");
        if (arn == null) throw Requests.constraint(null, "resourceArn", "Member must not be null");
        Matcher m = TABLE_ARN.matcher(arn);
        if (!m.matches()) {
            throw DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        if (!m.group(2).equals(RequestContext.ACCOUNT)) {
            throw new DynamoDbException("AccessDeniedException", 400, "User is not authorized to access the resource " + arn
                    + " in account " + m.group(2), Map.of());
        }
        Table t = context.database().table(m.group(3));
        if (t == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return t;
    }
}

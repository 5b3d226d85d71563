package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.util.Iterator;
import java.util.NavigableSet;

/** ListTables: names in order, pages of Limit (1-100, default 100) after ExclusiveStartTableName. */
public final class ListTables implements Operation {

    @Override
    public JsonNode handle(JsonNode request, RequestContext context) {
        Integer limit = Requests.limit(request);
        if (limit != null && limit > 100) {
            throw Requests.constraint(limit, "limit", "Member must have value less than or equal to 100");
        }
        int max = limit == null ? 100 : limit;
        String start = null;
        if (Requests.present(request, "ExclusiveStartTableName")) {
            start = Requests.nameValue(request.get("ExclusiveStartTableName"), "exclusiveStartTableName");
        }
        NavigableSet<String> names = context.database().tables().navigableKeySet();
        Iterator<String> it = (start == null ? names : names.tailSet(start, false)).iterator();
        ObjectNode response = Json.object();
        ArrayNode out = response.putArray("TableNames");
        String last = null;
        while (it.hasNext() && out.size() < max) {
            last = it.next();
            out.add(last);
        }
        if (it.hasNext()) {
            response.put("LastEvaluatedTableName", last);
        }
        return response;
    }
}

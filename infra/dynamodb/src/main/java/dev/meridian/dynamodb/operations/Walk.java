package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.expression.Condition;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/**
 * The page loop of Query and Scan: Limit counts items read before the filter, a page stops
 * after 1 MB read, LastEvaluatedKey names the last item read when the page stopped on either.
 */
final class Walk {

    static final long PAGE_BYTES = 1024 * 1024;

    private Walk() {
    }

    /**
     * Reads {@code range} in order. {@code inRange}: entries satisfying it lie together; those
     * before the first match are skipped, the walk ends at the first miss after (begins_with).
     */
    static ObjectNode run(ReadTarget target, NavigableMap<ItemKey, StoredItem> range, Integer limit,
                          Condition filter, Predicate<ItemKey> inRange, Capacity capacity) {
        ObjectNode response = Json.object();
        boolean count = target.select.equals("COUNT");
        ArrayNode items = count ? null : response.putArray("Items");
        int matched = 0;
        int scanned = 0;
        long bytes = 0;
        boolean seen = false;
        Map<String, AttributeValue> last = null;
        Iterator<Map.Entry<ItemKey, StoredItem>> it = range.entrySet().iterator();
        boolean more = false;
        while (it.hasNext()) {
            if (bytes >= PAGE_BYTES) {
                more = true;
                break;
            }
            Map.Entry<ItemKey, StoredItem> e = it.next();
            if (inRange != null) {
                boolean in = inRange.test(e.getKey());
                if (!in && seen) break;
                if (!in) continue;
                seen = true;
            }
            StoredItem stored = e.getValue();
            scanned++;
            bytes += stored.size();
            Map<String, AttributeValue> full = stored.item();
            Map<String, AttributeValue> visible = target.visible(full);
            last = full;
            if (filter == null || filter.test(visible)) {
                matched++;
                if (!count) {
                    items.add(ItemJson.toNode(target.projection == null ? visible : target.projection.apply(visible)));
                }
            }
            if (limit != null && scanned >= limit) {
                // DynamoDB does not look ahead: a page that reached its Limit always names where it stopped
                more = true;
                break;
            }
        }
        response.put("Count", matched);
        response.put("ScannedCount", scanned);
        if (more && last != null) {
            response.set("LastEvaluatedKey", ItemJson.toNode(target.lastEvaluatedKey(last)));
        }
        if (capacity.wanted()) {
            double units = Capacity.readUnits(bytes, target.consistent);
            if (target.index == null) {
                capacity.table(target.table.name(), units, true);
            } else {
                capacity.index(target.table.name(), target.index.name(), target.index.global(), units);
            }
            capacity.putSingle(response);
        }
        return response;
    }
}

package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.meridian.dynamodb.expression.Projection;
import dev.meridian.dynamodb.json.ItemJson;
import dev.meridian.dynamodb.storage.StoredItem;

import java.nio.charset.StandardCharsets;

/** Writing stored items into responses. */
final class Reads {

    private Reads() {
    }

    /** The item, projected when a projection is given; unprojected items go out as their stored bytes. */
    static void putItem(ObjectNode response, String field, StoredItem stored, Projection projection) {
        if (projection == null) {
            response.putRawValue(field, new RawValue(new String(stored.json(), StandardCharsets.UTF_8)));
        } else {
            response.set(field, ItemJson.toNode(projection.apply(stored.item())));
        }
    }
}

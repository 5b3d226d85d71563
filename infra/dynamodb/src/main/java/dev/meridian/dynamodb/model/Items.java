package dev.meridian.dynamodb.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Helpers over items ({@code Map<String, AttributeValue>}). */
public final class Items {

    /** DynamoDB's item size limit: 400 KB, names and values together. */
    public static final long MAX_ITEM_SIZE = 400 * 1024;

    private Items() {
    }

    /** Size of an item as DynamoDB counts it: UTF-8 names plus value sizes. */
    public static long size(Map<String, AttributeValue> item) {
        long n = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().size();
        }
        return n;
    }
}

package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * One item change on its way from its source region to one other region: the item's key and
 * new image (null: a delete), its version, when the source committed it and when it is due.
 */
record Delivery(long sequence, String table, Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage,
                Version version, int source, int target, long committedAt, long dueAt) {
}

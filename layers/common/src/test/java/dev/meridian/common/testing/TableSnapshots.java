package dev.meridian.common.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Whole-table reads for tests: every item, and snapshots whose equality proves nothing was written. */
public final class TableSnapshots {

    private TableSnapshots() {
    }

    /** Every item of {@code table}, all pages, strongly consistent. */
    public static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamoDb.scan(ScanRequest.builder().tableName(table).consistentRead(true).exclusiveStartKey(start).build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Every item of every table, attributes sorted, items sorted: equal snapshots mean equal contents. */
    public static String snapshot(DynamoDbClient dynamoDb, List<String> tables) {
        StringBuilder sb = new StringBuilder();
        for (String table : tables) {
            sb.append(table).append('\n');
            scan(dynamoDb, table).stream().map(item -> new TreeMap<>(item).toString()).sorted(Comparator.naturalOrder())
                    .forEach(line -> sb.append(line).append('\n'));
        }
        return sb.toString();
    }
}

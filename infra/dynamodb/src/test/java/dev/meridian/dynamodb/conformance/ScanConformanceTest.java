package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ScanConformanceTest extends ConformanceTest {

    private static final int ITEMS = 60;
    private String table;

    @BeforeAll
    void createTable() {
        table = table("pk", ScalarAttributeType.S, null, null);
        for (int i = 0; i < ITEMS; i++) {
            int k = i;
            db.putItem(r -> r.tableName(table).item(item("pk", s("item-" + k), "n", n(k))));
        }
    }

    private Set<String> scanAll(Consumer<ScanRequest.Builder> extra) {
        Set<String> seen = new HashSet<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> esk = start;
            var r = db.scan(b -> { b.tableName(table).exclusiveStartKey(esk); extra.accept(b); });
            for (var i : r.items()) assertThat(seen.add(i.get("pk").s())).as("duplicate %s", i).isTrue();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null && pages < 1000);
        return seen;
    }

    @Test
    void scan_shouldReturnEveryItemOnce_whenPagingWithLimit() {
        assertThat(scanAll(b -> b.limit(7))).hasSize(ITEMS);
    }

    @Test
    void scan_shouldSplitTableIntoDisjointSegments_whenParallel() {
        Set<String> union = new HashSet<>();
        int total = 0;
        for (int seg = 0; seg < 4; seg++) {
            int s = seg;
            Set<String> part = scanAll(b -> b.segment(s).totalSegments(4).limit(5));
            total += part.size();
            union.addAll(part);
        }
        assertThat(total).isEqualTo(ITEMS);
        assertThat(union).hasSize(ITEMS);
    }

    @Test
    void scan_shouldCountScannedBeforeFilter_whenFilterGiven() {
        var r = db.scan(b -> b.tableName(table).filterExpression("n < :x").expressionAttributeValues(Map.of(":x", n(10))));
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.scannedCount()).isEqualTo(ITEMS);
        var c = db.scan(b -> b.tableName(table).select(Select.COUNT));
        assertThat(c.count()).isEqualTo(ITEMS);
        assertThat(c.hasItems()).isFalse();
    }

    @Test
    void scan_shouldReturnOnlyProjectedAttributes_whenProjectionGiven() {
        var r = db.scan(b -> b.tableName(table).projectionExpression("n").limit(3));
        assertThat(r.items()).allSatisfy(i -> assertThat(i.keySet()).containsExactly("n"));
    }

    @Test
    void scan_shouldRejectSegmentOutOfRange() {
        var e = failure("ValidationException", () -> db.scan(b -> b.tableName(table).segment(5).totalSegments(5)));
        assertThat(message(e)).isEqualTo("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less than TotalSegments: 5");
    }

    @Test
    void scan_shouldStopPageAtOneMegabyte_whenItemsAreLarge() {
        String big = table("pk", ScalarAttributeType.S, null, null);
        String payload = "x".repeat(100_000);
        for (int i = 0; i < 15; i++) {
            int k = i;
            db.putItem(r -> r.tableName(big).item(item("pk", s("b" + k), "p", s(payload))));
        }
        var first = db.scan(b -> b.tableName(big));
        assertThat(first.count()).isBetween(1, 14);
        assertThat(first.lastEvaluatedKey()).isNotEmpty();
        List<String> rest = new ArrayList<>();
        var second = db.scan(b -> b.tableName(big).exclusiveStartKey(first.lastEvaluatedKey()));
        second.items().forEach(i -> rest.add(i.get("pk").s()));
        assertThat(first.count() + rest.size()).isEqualTo(15);
    }
}

package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;

class ListTablesConformanceTest extends ConformanceTest {

    @Test
    void listTables_shouldPage_whenLimitGiven() {
        String a = table("pk", ScalarAttributeType.S, null, null);
        String b = table("pk", ScalarAttributeType.S, null, null);
        var first = db.listTables(r -> r.limit(1));
        assertThat(first.tableNames()).hasSize(1);
        assertThat(first.lastEvaluatedTableName()).isEqualTo(first.tableNames().get(0));
        var all = db.listTablesPaginator(r -> r.limit(1)).tableNames().stream().toList();
        assertThat(all).contains(a, b).isSorted();
    }
}

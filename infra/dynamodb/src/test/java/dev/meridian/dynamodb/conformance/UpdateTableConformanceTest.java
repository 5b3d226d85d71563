package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateTableConformanceTest extends ConformanceTest {

    @Test
    void updateTable_shouldBackfillAndDropIndex_whenGsiCreatedThenDeleted() {
        String t = table("pk", ScalarAttributeType.S, null, null);
        db.putItem(r -> r.tableName(t).item(item("pk", s("1"), "g", s("blue"))));
        db.putItem(r -> r.tableName(t).item(item("pk", s("2"))));
        db.updateTable(r -> r.tableName(t)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(CreateGlobalSecondaryIndexAction.builder()
                        .indexName("by-g").keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()).build()));
        var q = db.query(r -> r.tableName(t).indexName("by-g").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("blue"))));
        assertThat(q.items()).containsExactly(item("pk", s("1"), "g", s("blue")));
        db.updateTable(r -> r.tableName(t).globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                .delete(DeleteGlobalSecondaryIndexAction.builder().indexName("by-g").build()).build()));
        assertThat(db.describeTable(r -> r.tableName(t)).table().hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void updateTable_shouldChangeThroughput_andRejectSameValues() {
        String t = table(b -> b.billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(ProvisionedThroughput.builder().readCapacityUnits(5L).writeCapacityUnits(5L).build()),
                "pk", ScalarAttributeType.S, null, null);
        db.updateTable(r -> r.tableName(t).provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(20L)));
        var pt = db.describeTable(r -> r.tableName(t)).table().provisionedThroughput();
        assertThat(pt.readCapacityUnits()).isEqualTo(10L);
        assertThat(pt.writeCapacityUnits()).isEqualTo(20L);
        failure("ValidationException", () -> db.updateTable(r -> r.tableName(t)
                .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(20L))));
    }
}

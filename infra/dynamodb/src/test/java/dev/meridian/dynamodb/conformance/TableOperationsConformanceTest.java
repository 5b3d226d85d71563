package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DeleteGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable. */
class TableOperationsConformanceTest extends ConformanceTest {

    @Test
    void createTable_shouldDescribeActiveTableWithIndexes_whenLsiAndStreamGiven() {
        String t = table(b -> b
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("alt").attributeType(ScalarAttributeType.N).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("by-alt")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("alt").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes("x").build()).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()),
                "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        db.putItem(r -> r.tableName(t).item(item("pk", s("a"), "sk", s("b"), "alt", n(3))));
        var d = db.describeTable(r -> r.tableName(t)).table();
        assertThat(d.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(d.tableArn()).endsWith(":table/" + t).startsWith("arn:aws:dynamodb:");
        assertThat(d.itemCount()).isEqualTo(1);
        assertThat(d.tableSizeBytes()).isPositive();
        assertThat(d.creationDateTime()).isNotNull();
        assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(d.localSecondaryIndexes()).singleElement().satisfies(i -> {
            assertThat(i.indexName()).isEqualTo("by-alt");
            assertThat(i.projection().nonKeyAttributes()).containsExactly("x");
        });
        assertThat(d.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(d.latestStreamArn()).startsWith(d.tableArn() + "/stream/");
    }

    @Test
    void createTable_shouldFailWithResourceInUse_whenNameTaken() {
        String t = table("pk", ScalarAttributeType.S, null, null);
        failure("ResourceInUseException", () -> db.createTable(r -> r.tableName(t)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
    }

    @Test
    void createTable_shouldRejectUnusedAttributeDefinition() {
        String name = uniqueName("bad");
        failure("ValidationException", () -> db.createTable(r -> r.tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("x").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        failure("ResourceNotFoundException", () -> db.describeTable(r -> r.tableName(name)));
    }

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

    @Test
    void deleteTable_shouldRemoveTable_whenItExists() {
        String name = uniqueName("del");
        db.createTable(r -> r.tableName(name)
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        db.waiter().waitUntilTableExists(r -> r.tableName(name));
        assertThat(db.deleteTable(r -> r.tableName(name)).tableDescription().tableName()).isEqualTo(name);
        db.waiter().waitUntilTableNotExists(r -> r.tableName(name));
        failure("ResourceNotFoundException", () -> db.describeTable(r -> r.tableName(name)));
        assertThat(db.listTables().tableNames()).doesNotContain(name);
    }
}

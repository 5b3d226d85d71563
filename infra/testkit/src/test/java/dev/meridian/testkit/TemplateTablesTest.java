package dev.meridian.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTablesTest {

    @Test
    void request_shouldCarryTheTemplatesKeysIndexesAndStream_whenTheTableIsDeclared() {
        // when
        CreateTableRequest inventory = TemplateTables.request("InventoryTable", "t-inventory");

        // then: what template.yaml declares, under the test's own name
        assertThat(inventory.tableName()).isEqualTo("t-inventory");
        assertThat(inventory.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
        GlobalSecondaryIndex byExpiry = inventory.globalSecondaryIndexes().get(0);
        assertThat(byExpiry.indexName()).isEqualTo("byExpiry");
        assertThat(byExpiry.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(inventory.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(TemplateTables.logicalIds()).contains("OrdersTable", "PaymentsTable", "SandboxLedgerTable",
                "IdempotencyTable", "LocksTable", "OutboxTable");
    }

    @Test
    void request_shouldNameTheKnownTables_whenTheLogicalIdIsNotATable() {
        assertThatThrownBy(() -> TemplateTables.request("OrdersQueue", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no DynamoDB table resource OrdersQueue").hasMessageContaining("InventoryTable");
    }

    @Test
    void read_shouldTakeIntrinsicsAsValues_andOnlyTableResources(@TempDir Path dir) throws IOException {
        // given: a template with short-form intrinsics and a resource that is not a table
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties: { QueueName: !Sub "${AWS::StackName}-q" }
                  Things:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${Prefix}-things"
                      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
                      KeySchema: [{ AttributeName: id, KeyType: HASH }]
                """);

        // when
        Map<String, Map<String, Object>> tables = TemplateTables.read(template);

        // then
        assertThat(tables).containsOnlyKeys("Things");
        assertThat(tables.get("Things").get("TableName")).isEqualTo(Map.of("!Sub", "${Prefix}-things"));
    }
}

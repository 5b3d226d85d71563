package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import static org.assertj.core.api.Assertions.assertThat;

class DescribeTableConformanceTest extends ConformanceTest {

    @Test
    void describeTable_shouldShowActiveTableWithIndexesAndStream_whenCreatedWithLsiAndStream() {
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
}

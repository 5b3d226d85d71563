package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;

class CreateTableConformanceTest extends ConformanceTest {

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
    void createTable_shouldNameTheConstraint_whenTableNameTooShortOrKeyTypeInvalid() {
        var shortName = failure("ValidationException", () -> db.createTable(r -> r.tableName("ab")
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertThat(message(shortName)).isEqualTo("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
                + "constraint: Member must have length greater than or equal to 3");
        var badKeyType = failure("ValidationException", () -> db.createTable(r -> r.tableName(uniqueName("kt"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType("INVALID").build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertThat(message(badKeyType)).isEqualTo("1 validation error detected: Value 'INVALID' at 'keySchema.1.member.keyType' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]");
    }

    @Test
    void createTable_shouldRejectLsi_whenTableHasNoSortKey() {
        var e = failure("ValidationException", () -> db.createTable(r -> r.tableName(uniqueName("lsi"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("x").attributeType(ScalarAttributeType.S).build())
                .localSecondaryIndexes(software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex.builder().indexName("lsi")
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("x").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType("ALL")).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)));
        assertThat(message(e)).isEqualTo("One or more parameter values were invalid: Table KeySchema does not have a range key, "
                + "which is required when specifying a LocalSecondaryIndex");
    }
}

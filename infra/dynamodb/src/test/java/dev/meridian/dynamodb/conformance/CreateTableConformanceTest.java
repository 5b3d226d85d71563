package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;



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
}

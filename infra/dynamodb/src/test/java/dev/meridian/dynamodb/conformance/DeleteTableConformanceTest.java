package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;

class DeleteTableConformanceTest extends ConformanceTest {

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

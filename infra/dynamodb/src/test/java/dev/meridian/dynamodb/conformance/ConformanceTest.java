package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Base of the conformance tests: one client per JVM (see {@link ConformanceTarget}), tables
 * with unique names deleted after the class, and helpers that keep the tests short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConformanceTest {

    protected DynamoDbClient db;
    private final List<String> tables = new ArrayList<>();

    @BeforeAll
    void connect() {
        if (ConformanceTarget.aws()) {
            Assumptions.assumeTrue(ConformanceTarget.awsCredentialsPresent(), "no AWS credentials: real-DynamoDB run skipped");
        }
        db = ConformanceTarget.client();
    }

    @AfterAll
    void dropTables() {
        for (String t : tables) {
            try {
                db.deleteTable(r -> r.tableName(t));
            } catch (SdkServiceException e) {
                // already deleted by the test itself
            }
        }
    }

    /** A fresh unique table name (not created). */
    protected String uniqueName(String stem) {
        return "mc_" + stem + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates an on-demand table with a partition key (and sort key when {@code sk} is non-null), waits until active. */
    protected String table(String pk, ScalarAttributeType pkType, String sk, ScalarAttributeType skType) {
        return table(b -> { }, pk, pkType, sk, skType);
    }

    protected String table(Consumer<CreateTableRequest.Builder> extra, String pk, ScalarAttributeType pkType,
                           String sk, ScalarAttributeType skType) {
        String name = uniqueName(getClass().getSimpleName().replace("ConformanceTest", "").toLowerCase());
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> defs = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(pk).keyType(KeyType.HASH).build());
        defs.add(AttributeDefinition.builder().attributeName(pk).attributeType(pkType).build());
        if (sk != null) {
            keys.add(KeySchemaElement.builder().attributeName(sk).keyType(KeyType.RANGE).build());
            defs.add(AttributeDefinition.builder().attributeName(sk).attributeType(skType).build());
        }
        CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name).keySchema(keys)
                .attributeDefinitions(defs).billingMode(BillingMode.PAY_PER_REQUEST);
        extra.accept(b);
        db.createTable(b.build());
        tables.add(name);
        db.waiter().waitUntilTableExists(r -> r.tableName(name));
        return name;
    }

    /** A table to clean up that the test created itself. */
    protected void track(String name) {
        tables.add(name);
    }

    protected static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    protected static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    protected static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** An item from alternating names and values. */
    protected static Map<String, AttributeValue> item(Object... nameValue) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (AttributeValue) nameValue[i + 1]);
        }
        return m;
    }

    /** Runs the call, asserts it fails with the given error code, returns the exception. */
    protected static DynamoDbException failure(String errorCode, Runnable call) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call::run);
        assertThat(e).as("expected %s", errorCode).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    protected static String message(DynamoDbException e) {
        return e.awsErrorDetails().errorMessage();
    }
}

package dev.meridian.emulator.chaos;

import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.dynamodb.DynamoDbEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChaosInterceptorTest {

    static DynamoDbEngine engine;
    static DynamoDbClient engineClient;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.builder().build().start();
        engineClient = DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build();
        engineClient.createTable(b -> b.tableName("things").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
    }

    @AfterAll
    static void stop() {
        engineClient.close();
        engine.close();
    }

    private static DynamoDbClient functionClient(FaultInjector injector) {
        ChaosInterceptor interceptor = ChaosInterceptor.installed();
        interceptor.register(new ChaosInterceptor.Target(injector, Set.of("ledger-table")), engine.endpoint());
        return AwsClients.dynamoDb(Environment.of(Map.of("AWS_REGION", "us-east-1",
                AwsClients.DYNAMODB_ENDPOINT, engine.endpoint().toString())));
    }

    @Test
    void crash_shouldThrowBeforeTheWrite_andCrashAfterWrite_afterIt() {
        // given: every write crashes before it is sent
        DynamoDbClient before = functionClient(new FaultInjector(ChaosSpec.parse("crash=1", 1)));

        // when / then: nothing was written
        assertThatThrownBy(() -> before.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("injected crash before PutItem");
        assertThat(engineClient.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("a")))).hasItem()).isFalse();
        assertThat(before.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("a")))).hasItem())
                .as("reads do not crash").isFalse();

        // given: every write crashes after it succeeded
        FaultInjector after = new FaultInjector(ChaosSpec.parse("crash-after-write=1", 1));
        DynamoDbClient client = functionClient(after);

        // when / then: the caller sees a failure, the item is there
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("b")))))
                .isInstanceOf(SdkClientException.class).hasMessageContaining("after PutItem succeeded");
        assertThat(engineClient.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("b")))).hasItem()).isTrue();
        assertThat(after.injected(Fault.CRASH_AFTER_WRITE)).isEqualTo(1);
        assertThat(after.toJson().at("/injectedAt/crash-after-write PutItem").asLong()).isEqualTo(1);
    }

    @Test
    void throttle_shouldSurfaceAsProvisionedThroughputExceeded_notBeAbsorbedByTheSdkRetries() {
        // given
        FaultInjector injector = new FaultInjector(ChaosSpec.parse("throttle=1", 1));
        DynamoDbClient client = functionClient(injector);

        // when / then
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("x")))))
                .isInstanceOf(ProvisionedThroughputExceededException.class)
                .satisfies(e -> assertThat(((SdkServiceException) e).isThrottlingException()).isTrue())
                .satisfies(e -> assertThat(((SdkServiceException) e).statusCode()).isEqualTo(400));
        assertThat(injector.injected(Fault.THROTTLE)).isEqualTo(1);
    }

    @Test
    void engineClients_shouldNeverSeeFaults() {
        // given: faults on every call of the functions' clients
        functionClient(new FaultInjector(ChaosSpec.parse("crash=1,throttle=1", 1)));

        // when: the runtime's own client (not built by AwsClients) writes
        engineClient.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS("engine"))));

        // then
        assertThat(engineClient.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("engine")))).hasItem()).isTrue();
    }

    @Test
    void slowTable_shouldDelayOnlyTheSlowTables() {
        // given
        FaultInjector injector = new FaultInjector(ChaosSpec.parse("slow-table=1,slow-table-ms=300", 1));
        DynamoDbClient client = functionClient(injector);

        // when
        long t0 = System.nanoTime();
        client.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("x"))));
        long plain = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("ledger-table").key(Map.of("pk", AttributeValue.fromS("x")))))
                .as("no such table: the delay comes first").isNotNull();
        long slow = (System.nanoTime() - t0) / 1_000_000;

        // then
        assertThat(slow).isGreaterThanOrEqualTo(300);
        assertThat(plain).isLessThan(300);
        assertThat(injector.injected(Fault.SLOW_TABLE)).isEqualTo(1);
    }
}

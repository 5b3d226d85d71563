package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.DynamoDbEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.List;

import static dev.meridian.dynamodb.replication.GlobalFixture.item;
import static dev.meridian.dynamodb.replication.GlobalFixture.n;
import static dev.meridian.dynamodb.replication.GlobalFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Global mode: requests routed by the SigV4 region, replication through SDK clients of different regions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GlobalModeTest {

    private GlobalFixture g;

    @BeforeAll
    void start() {
        g = new GlobalFixture();
    }

    @AfterAll
    void stop() {
        g.close();
    }

    @Test
    void eachRegionHasItsOwnDatabaseAndAnUnknownRegionIsRefused() {
        String only = "local-" + System.nanoTime();
        g.clients.get("eu-west-1").createTable(b -> b.tableName(only)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH")).billingMode("PAY_PER_REQUEST"));
        assertThat(g.engine.database("eu-west-1").table(only)).isNotNull();
        assertThat(g.engine.database("us-east-1").table(only)).isNull();
        assertThat(g.clients.get("us-east-1").listTables().tableNames()).doesNotContain(only);
        // an ARN names the region that answered
        assertThat(g.clients.get("eu-west-1").describeTable(r -> r.tableName(only)).table().tableArn())
                .startsWith("arn:aws:dynamodb:eu-west-1:");

        try (DynamoDbClient other = g.client("sa-east-1")) {
            DynamoDbException e = catchThrowableOfType(other::listTables, DynamoDbException.class);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
            assertThat(e.getMessage()).contains("sa-east-1").contains("us-east-1");
        }
        assertThatThrownBy(() -> g.engine.database("sa-east-1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sa-east-1");
    }

    @Test
    void aWriteInOneRegionReachesTheOthersThroughTheirOwnClients() throws Exception {
        String t = g.globalTable("sdk");
        g.clients.get("eu-west-1").putItem(r -> r.tableName(t).item(item("a", "v", n(1))));
        g.clients.get("ap-southeast-2").putItem(r -> r.tableName(t).item(item("b", "v", n(2))));
        g.awaitDelivered();
        for (String region : GlobalFixture.REGIONS) {
            assertThat(g.get(region, t, "a")).containsEntry("v", n(1));
            assertThat(g.get(region, t, "b")).containsEntry("v", n(2));
        }
        g.clients.get("us-east-1").deleteItem(r -> r.tableName(t).key(java.util.Map.of("pk", s("a"))));
        g.awaitDelivered();
        for (String region : GlobalFixture.REGIONS) assertThat(g.get(region, t, "a")).isNull();
        assertThat(g.replication.converged()).isTrue();
        assertThat(g.replication.stats().get(t).pending()).isZero();
        assertThat(g.replication.stats().get(t).lwwConflicts()).isZero();
    }

    @Test
    void badUsesAreRefusedClearly() {
        assertThatThrownBy(() -> g.replication.replicate("no-such-table")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-table").hasMessageContaining("us-east-1");
        assertThatThrownBy(() -> g.replication.cut("mars-1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mars-1");
        assertThatThrownBy(() -> DynamoDbEngine.builder().regions(List.of("a", "a")).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DynamoDbEngine.builder().regions(List.of()).build()).isInstanceOf(IllegalArgumentException.class);
        try (DynamoDbEngine plain = DynamoDbEngine.builder().build().start()) {
            assertThatThrownBy(plain::replication).isInstanceOf(IllegalStateException.class).hasMessageContaining("regions");
            assertThat(plain.database("eu-west-1")).isSameAs(plain.database());
        }
    }
}

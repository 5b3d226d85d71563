package dev.meridian.emulator.regions;

import dev.meridian.emulator.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.testfn.Recorder;
import dev.meridian.emulator.testing.LocalApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The test template in two regions: what replicates and what stays regional, and what a down region stops. */
class MultiRegionEmulatorTest {

    private static final Path TEMPLATE = Path.of("src/test/resources/local/template.yaml");
    private static MultiRegionEmulator regions;
    private static Emulator virginia;
    private static Emulator ireland;

    @BeforeAll
    static void start() {
        regions = MultiRegionEmulator.start(EmulatorOptions.builder().template(TEMPLATE).stackName("mr-test").build(),
                new MultiRegionOptions(List.of("us-east-1", "eu-west-1"), 0, null, null));
        virginia = regions.region("us-east-1");
        ireland = regions.region("eu-west-1");
    }

    @AfterAll
    static void stop() {
        if (regions != null) {
            regions.close();
        }
    }

    @Test
    void globalTable_shouldReplicate_whileARegionalTableStaysInItsRegion() {
        String id = "mr-" + UUID.randomUUID();
        var created = new LocalApi(virginia.baseUrl()).as(virginia.mintToken("alice", false)).post("/items", Map.of("id", id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String eventId = created.json().path("eventId").asText();
        Map<String, AttributeValue> outboxKey = Map.of("eventId", AttributeValue.fromS(eventId));

        assertThat(Await.eventually(Duration.ofSeconds(15), () -> ireland.dynamoDb().getItem(b -> b.tableName(ireland.tableName("OutboxTable"))
                .key(outboxKey)).hasItem())).isTrue();
        // the items table is an AWS::DynamoDB::Table: its item is in Virginia only, even once the outbox event replicated
        Map<String, AttributeValue> itemKey = Map.of("pk", AttributeValue.fromS(id));
        assertThat(virginia.dynamoDb().getItem(b -> b.tableName(virginia.tableName("ItemsTable")).key(itemKey)).hasItem()).isTrue();
        assertThat(ireland.dynamoDb().getItem(b -> b.tableName(ireland.tableName("ItemsTable")).key(itemKey)).hasItem()).isFalse();
        assertThat(regions.control().globalTableIds()).containsExactly("OutboxTable");
    }

    @Test
    void down_shouldStopTheRegionsQueueConsumers_untilHeal_whileTheOtherRegionConsumesOn() {
        String body = "mr-work-" + UUID.randomUUID();
        regions.control().down("eu-west-1");
        try {
            ireland.sqs().sendMessage(b -> b.queueUrl(ireland.queueUrl("WorkQueue")).messageBody(body + "-ireland"));
            virginia.sqs().sendMessage(b -> b.queueUrl(virginia.queueUrl("WorkQueue")).messageBody(body + "-virginia"));
            // negative control: the region that is up consumes its message
            assertThat(Await.eventually(Duration.ofSeconds(15), () -> consumed(body + "-virginia", "us-east-1"))).isTrue();
            assertThat(Await.eventually(Duration.ofSeconds(2), () -> consumed(body + "-ireland", "eu-west-1"))).isFalse();
            assertThat(new LocalApi(ireland.baseUrl()).get("/hello").status()).isEqualTo(503);
            assertThat(new LocalApi(ireland.baseUrl()).get("/_local/regions").status()).isEqualTo(200);
        } finally {
            regions.control().heal("eu-west-1");
        }
        assertThat(Await.eventually(Duration.ofSeconds(15), () -> consumed(body + "-ireland", "eu-west-1"))).isTrue();
        assertThat(new LocalApi(ireland.baseUrl()).get("/hello").status()).isEqualTo(200);
    }

    private static boolean consumed(String body, String region) {
        return Recorder.of(ireland.model().functions().get("WorkFunction").functionName()).stream()
                .anyMatch(r -> body.equals(r.path("body").asText()) && region.equals(r.path("awsRegion").asText()))
                || Recorder.of(virginia.model().functions().get("WorkFunction").functionName()).stream()
                .anyMatch(r -> body.equals(r.path("body").asText()) && region.equals(r.path("awsRegion").asText()));
    }

    @Test
    void replication_shouldNameTheGlobalTablesByLogicalId() {
        JsonNode replication = new LocalApi(ireland.baseUrl()).get("/_local/replication").json();
        assertThat(replication.has("OutboxTable")).as(replication.toString()).isTrue();
        assertThat(replication.has("ItemsTable")).isFalse();
        assertThat(replication.path("OutboxTable").path("tableName").asText()).isEqualTo("mr-test-outbox");
    }

}

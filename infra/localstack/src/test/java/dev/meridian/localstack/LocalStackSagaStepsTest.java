package dev.meridian.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.EventBridgePublisher;
import dev.meridian.common.json.Json;
import dev.meridian.inventory.handlers.ProductsApiHandler;
import dev.meridian.orders.handlers.OrdersApiHandler;
import dev.meridian.testkit.TemplateTables;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker tier: the same handlers and adapters against LocalStack's DynamoDB,
 * EventBridge and SQS, to catch differences between the in-process engines and an
 * AWS-compatible service. Runs with {@code mvn verify -Pdocker-tests}; skipped where no
 * Docker engine is available.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSagaStepsTest {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
            .withServices("dynamodb", "events", "sqs");

    private static Environment env;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void createTables() {
        Map<String, String> vars = new HashMap<>();
        vars.put("AWS_REGION", LOCALSTACK.getRegion());
        vars.put(AwsClients.DYNAMODB_ENDPOINT, LOCALSTACK.getEndpoint().toString());
        vars.put(AwsClients.EVENTBRIDGE_ENDPOINT, LOCALSTACK.getEndpoint().toString());
        vars.put("ORDERS_TABLE", "orders");
        vars.put("INVENTORY_TABLE", "inventory");
        vars.put("IDEMPOTENCY_TABLE", "idempotency");
        vars.put("OUTBOX_TABLE", "outbox");
        env = Environment.of(vars);
        dynamoDb = AwsClients.dynamoDb(env);
        TemplateTables.create(dynamoDb, "OrdersTable", "orders");
        TemplateTables.create(dynamoDb, "InventoryTable", "inventory");
        TemplateTables.create(dynamoDb, "IdempotencyTable", "idempotency");
        TemplateTables.create(dynamoDb, "OutboxTable", "outbox");
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName("outbox"));
    }

    private static JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, JsonNode event) throws Exception {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.writeBytes(event)), out, null);
        return Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode http(String routeKey, String path, Map<String, String> pathParameters, String body, String sub, boolean admin) {
        var event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.putObject("headers").put("content-type", "application/json");
        var params = event.putObject("pathParameters");
        pathParameters.forEach(params::put);
        var context = event.putObject("requestContext");
        context.put("requestId", "req-" + System.nanoTime());
        context.putObject("http").put("method", routeKey.split(" ")[0]).put("path", path);
        var claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
        claims.put("sub", sub);
        if (admin) {
            claims.put("cognito:groups", "[admin]");
        }
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    @Test
    void placeOrder_shouldWriteOrderAndOutboxEventInOneTransaction_onLocalStackDynamoDb() throws Exception {
        // given a product in stock
        var products = new ProductsApiHandler(env);
        assertThat(invoke(products, http("PUT /products/{sku}", "/products/LS-1", Map.of("sku", "LS-1"),
                "{\"name\":\"LocalStack mug\",\"price\":900,\"currency\":\"EUR\"}", "ops", true)).get("statusCode").asInt()).isEqualTo(201);
        assertThat(invoke(products, http("POST /products/{sku}/restock", "/products/LS-1/restock", Map.of("sku", "LS-1"),
                "{\"quantity\":5}", "ops", true)).get("statusCode").asInt()).isEqualTo(200);
        // when
        JsonNode response = invoke(new OrdersApiHandler(env), http("POST /orders", "/orders", Map.of(),
                "{\"lines\":[{\"sku\":\"LS-1\",\"quantity\":2}],\"payment\":{\"token\":\"tok_ok\"}}", "alice", false));
        // then
        assertThat(response.get("statusCode").asInt()).isEqualTo(202);
        String orderId = Json.parseTrusted(response.get("body").asText()).get("orderId").asText();
        var outbox = dynamoDb.scan(b -> b.tableName("outbox")).items();
        assertThat(outbox).anySatisfy(item -> {
            assertThat(item.get("detailType").s()).isEqualTo("OrderPlaced");
            assertThat(item.get("detail").s()).contains(orderId);
        });
        assertThat(dynamoDb.getItem(b -> b.tableName("orders").key(Map.of("orderId",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(orderId)))).item().get("status").s()).isEqualTo("PENDING");
    }

    @Test
    void publish_shouldRouteTheEnvelopeToTheRulesQueue_onLocalStackEventBridge() {
        // given a bus, a rule like InventoryRule and its queue
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        try (SqsClient sqs = SqsClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            var events = AwsClients.eventBridge(env);
            events.createEventBus(b -> b.name("meridian-ls"));
            String queueUrl = sqs.createQueue(b -> b.queueName("inventory-ls")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            events.putRule(b -> b.name("InventoryRule").eventBusName("meridian-ls")
                    .eventPattern("{\"source\":[\"meridian.orders\"],\"detail-type\":[\"OrderPlaced\",\"OrderConfirmed\",\"OrderCancelled\"]}"));
            events.putTargets(b -> b.rule("InventoryRule").eventBusName("meridian-ls").targets(t -> t.id("q").arn(queueArn)));
            DomainEvent placed = DomainEvent.create("meridian.orders", "OrderPlaced", LOCALSTACK.getRegion(), "ord-ls",
                    null, Json.object().put("orderId", "ord-ls"), Clock.systemUTC());
            DomainEvent ignored = DomainEvent.create("meridian.payments", "PaymentCaptured", LOCALSTACK.getRegion(), "ord-ls",
                    null, Json.object().put("orderId", "ord-ls"), Clock.systemUTC());
            // when
            List<String> failed = new EventBridgePublisher(events, "meridian-ls").publish(List.of(placed, ignored));
            // then
            assertThat(failed).isEmpty();
            List<software.amazon.awssdk.services.sqs.model.Message> received = Awaitility.await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ZERO).until(
                            () -> sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2).maxNumberOfMessages(10)).messages(),
                            messages -> !messages.isEmpty());
            assertThat(received).hasSize(1);
            DomainEvent delivered = DomainEvent.fromEventBridge(Json.parseTrusted(received.get(0).body()));
            assertThat(delivered.detailType()).isEqualTo("OrderPlaced");
            assertThat(delivered.eventId()).isEqualTo(placed.eventId());
        }
    }
}

package dev.meridian.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.testfn.Recorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.meridian.emulator.testing.LocalApi;
import dev.meridian.emulator.testing.Await;
import dev.meridian.emulator.testing.EmulatorExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the runtime on the test template and drives it over real HTTP, SQS and EventBridge calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmulatorEndToEndTest {

    static final Path TEMPLATE = Path.of("src/test/resources/local/template.yaml");
    static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final EmulatorExtension LOCAL = EmulatorExtension.forTemplate(TEMPLATE);

    Emulator stack;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        stack = LOCAL.stack();
        stack.printBanner(System.out, "emulator");
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void publicRoute_shouldAnswerWithTheHttpApiV2Event_whenNoTokenIsSent() throws Exception {
        // when
        var response = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/hello?name=Ada&tag=a&tag=b"))
                .header("X-Custom-Header", "Value").header("Cookie", "c1=v1; c2=v2").GET().build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-echo")).contains("yes");
        JsonNode body = Json.parseTrusted(response.body());
        JsonNode event = body.path("event");
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /hello");
        assertThat(event.path("rawPath").asText()).isEqualTo("/hello");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("name=Ada&tag=a&tag=b");
        assertThat(event.path("queryStringParameters").path("name").asText()).isEqualTo("Ada");
        assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("a,b");
        assertThat(event.path("headers").path("x-custom-header").asText()).isEqualTo("Value");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("GET");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("$default");
        assertThat(event.path("requestContext").has("authorizer")).isFalse();
        assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
        // the environment the template declares, intrinsics resolved, endpoints local
        JsonNode env = body.path("env");
        assertThat(env.path("GREETING").asText()).isEqualTo("hello from us-east-1");
        assertThat(env.path("MODE").asText()).isEqualTo("dev-local");
        assertThat(env.path("FIRST_AZ_PART").asText()).isEqualTo("east");
        assertThat(env.path("ITEMS_TABLE").asText()).isEqualTo("local-items");
        assertThat(env.path("OUTBOX_TABLE").asText()).isEqualTo("local-outbox");
        assertThat(env.path("EVENT_BUS_NAME").asText()).isEqualTo("local-bus");
        assertThat(env.path("WORK_QUEUE_URL").asText()).isEqualTo(stack.queueUrl("WorkQueue"));
        assertThat(env.path("WORK_QUEUE_ARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:WorkQueue");
        assertThat(env.has("OPTIONAL")).isFalse();
        assertThat(env.path("API_URL").asText()).isEqualTo(stack.baseUrl());
        assertThat(env.path("DYNAMODB_ENDPOINT").asText()).isEqualTo(stack.dynamoDbEndpoint().toString());
        assertThat(env.path("EVENTBRIDGE_ENDPOINT").asText()).isEqualTo(stack.eventBridgeEndpoint().toString());
        assertThat(env.path("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(body.path("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(body.path("remainingMillis").asInt()).isBetween(1, 7000);
    }

    @Test
    void greedyRoute_shouldPassTheRestOfThePath() throws Exception {
        var response = get("/files/a/b%20c.txt", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = Json.parseTrusted(response.body()).path("event");
        assertThat(event.path("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("a/b c.txt");
    }

    @Test
    void cors_shouldAnswerPreflightAndDecorateResponses_asTheApiDeclares() throws Exception {
        var preflight = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/items"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("http://localhost:5173");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("GET,POST");
        assertThat(preflight.headers().firstValue("access-control-max-age")).contains("600");

        var simple = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/hello"))
                .header("Origin", "http://localhost:5173").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(simple.headers().firstValue("access-control-allow-origin")).contains("http://localhost:5173");
        var foreign = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/hello"))
                .header("Origin", "http://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void endpoints_shouldNameEveryEngine_soThatAPlainClientSeesTheStacksTables() throws Exception {
        // when
        var response = get("/_local/endpoints", null);

        // then: one URL per engine, and the DynamoDB one serves this stack's tables to any client
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode endpoints = Json.parseTrusted(response.body());
        assertThat(endpoints.path("dynamodb").asText()).isEqualTo(stack.dynamoDbEndpoint().toString());
        assertThat(endpoints.path("dynamodbstreams").asText()).isEqualTo(stack.dynamoDbEndpoint().toString());
        assertThat(endpoints.path("sqs").asText()).isEqualTo(stack.sqsEndpoint().toString());
        assertThat(endpoints.path("events").asText()).isEqualTo(stack.eventBridgeEndpoint().toString());
        try (var outside = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoints.path("dynamodb").asText())).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            assertThat(outside.listTables().tableNames()).contains(stack.model().stackName() + "-items");
        }
    }

    @Test
    void unknownRoute_shouldAnswer404LikeApiGateway() throws Exception {
        var response = get("/nope", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(post("/hello", null, "{}").statusCode()).isEqualTo(404); // route exists for GET only
    }

    @Test
    void protectedRoute_shouldAnswer401_withoutTokenOrWithABadOne() throws Exception {
        String valid = stack.mintToken("alice", false);
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"mallory\",\"iss\":\"x\"}".getBytes()) + "." + parts[2];
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";

        for (String token : new String[]{null, "garbage", tampered, none}) {
            var response = get("/items/42", token);
            assertThat(response.statusCode()).as("token %s", token == null ? "absent" : "bad").isEqualTo(401);
            assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        }
    }

    @Test
    void protectedRoute_shouldPassClaimsAsStrings_whenTheTokenIsValid() throws Exception {
        // given
        String token = stack.mintToken("alice", true);

        // when
        var response = get("/items/42", token);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = Json.parseTrusted(response.body()).path("event");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(event.path("pathParameters").path("id").asText()).isEqualTo("42");
        JsonNode claims = event.path("requestContext").path("authorizer").path("jwt").path("claims");
        assertThat(claims.path("sub").asText()).isEqualTo("alice");
        assertThat(claims.path("cognito:groups").isTextual()).isTrue();
        assertThat(claims.path("cognito:groups").asText()).isEqualTo("[admin]");
        assertThat(claims.path("exp").isTextual()).isTrue();
        assertThat(claims.path("token_use").asText()).isEqualTo("id");
        assertThat(claims.path("iss").asText()).isEqualTo(stack.issuerUrl());
        // literal segments win over variables
        assertThat(Json.parseTrusted(get("/items/mine", token).body()).path("event").path("routeKey").asText())
                .isEqualTo("GET /items/mine");
    }

    @Test
    void localApi_shouldSendJsonWithTheToken(Emulator injected) {
        LocalApi api = LOCAL.api().as(injected.mintToken("dave", false));
        LocalApi.Response response = api.post("/items", Map.of("id", "api-" + UUID.randomUUID()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().path("eventId").asText()).isNotBlank();
    }

    @Test
    void tokenEndpointAndJwks_shouldBeServedByTheRunningStack() throws Exception {
        var minted = post("/_local/token", null, "{\"user\":\"bob\",\"admin\":false,\"ttl\":60}");
        assertThat(minted.statusCode()).isEqualTo(200);
        String token = Json.parseTrusted(minted.body()).path("token").asText();
        assertThat(get("/items/7", token).statusCode()).isEqualTo(200);

        var jwks = get("/_local/issuer/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(Json.parseTrusted(jwks.body()).path("keys").get(0).path("kty").asText()).isEqualTo("RSA");
    }

    @Test
    void busEvent_shouldReachTheQueueOfTheMatchingRuleAndItsConsumer() throws Exception {
        // given
        String marker = UUID.randomUUID().toString();
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(stack.eventBridgeEndpoint())
                .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))).build()) {

            // when
            PutEventsResponse response = events.putEvents(b -> b.entries(
                    PutEventsRequestEntry.builder().eventBusName("local-bus").source("test.items")
                            .detailType("ItemCreated").detail("{\"marker\":\"" + marker + "\"}").build(),
                    PutEventsRequestEntry.builder().eventBusName("local-bus").source("test.other")
                            .detailType("Audit").detail("{\"marker\":\"audit-" + marker + "\"}").build(),
                    PutEventsRequestEntry.builder().eventBusName("local-bus").source("test.items")
                            .detailType("ItemCreated").detail("not json").build()));

            // then
            assertThat(response.failedEntryCount()).isEqualTo(1);
            assertThat(response.entries().get(0).eventId()).isNotBlank();
            assertThat(response.entries().get(2).errorCode()).isEqualTo("MalformedDetail");
        }
        JsonNode work = Recorder.await("WorkFunction", r -> r.path("body").asText().contains(marker), WAIT);
        JsonNode event = Json.parseTrusted(work.path("body").asText());
        assertThat(event.path("version").asText()).isEqualTo("0");
        assertThat(event.path("source").asText()).isEqualTo("test.items");
        assertThat(event.path("detail-type").asText()).isEqualTo("ItemCreated");
        assertThat(event.path("account").asText()).isEqualTo("000000000000");
        assertThat(event.path("region").asText()).isEqualTo("us-east-1");
        assertThat(event.path("resources").isArray()).isTrue();
        assertThat(event.path("detail").path("marker").asText()).isEqualTo(marker);
        assertThat(work.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(work.path("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:WorkQueue");
        assertThat(work.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(work.path("attributes").has("SentTimestamp")).isTrue();
        assertThat(work.path("md5OfBody").asText()).hasSize(32);
        assertThat(work.path("awsRegion").asText()).isEqualTo("us-east-1");

        Recorder.await("AuditFunction", r -> r.path("body").asText().contains("audit-" + marker), WAIT);
        assertThat(Recorder.of("AuditFunction")).noneMatch(r -> r.path("body").asText().contains("\"" + marker));
        assertThat(Recorder.of("WorkFunction")).noneMatch(r -> r.path("body").asText().contains("audit-" + marker));
    }

    @Test
    void busEvents_shouldEachReachTheQueueOnce_whenOneRequestCarriesTenForTheSameQueue() throws Exception {
        // given: ten entries for one rule's queue in one PutEvents (the bus sends them as one SendMessageBatch)
        String marker = UUID.randomUUID().toString();
        List<PutEventsRequestEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(PutEventsRequestEntry.builder().eventBusName("local-bus").source("test.items")
                    .detailType("ItemCreated").detail("{\"marker\":\"" + marker + "-" + i + "\"}").build());
        }
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(stack.eventBridgeEndpoint())
                .region(Region.US_EAST_1).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y"))).build()) {
            // when
            PutEventsResponse response = events.putEvents(b -> b.entries(entries));
            // then
            assertThat(response.failedEntryCount()).isZero();
        }
        for (int i = 0; i < 10; i++) {
            String one = "\"" + marker + "-" + i + "\"";
            Recorder.await("WorkFunction", r -> r.path("body").asText().contains(one), WAIT);
        }
        for (int i = 0; i < 10; i++) {
            String one = "\"" + marker + "-" + i + "\"";
            assertThat(Recorder.of("WorkFunction").stream().filter(r -> r.path("body").asText().contains(one)).count())
                    .as("deliveries of entry " + i).isEqualTo(1);
        }
    }

    @Test
    void failingMessage_shouldGoToTheDlq_afterMaxReceives_whileItsBatchNeighbourIsDeletedOnce() throws Exception {
        // given: WorkQueue has VisibilityTimeout 2 and maxReceiveCount 2; the handler reports "poison" as failed
        String marker = UUID.randomUUID().toString();
        String queue = stack.queueUrl("WorkQueue");
        stack.sqs().sendMessageBatch(b -> b.queueUrl(queue).entries(
                e -> e.id("1").messageBody("poison " + marker),
                e -> e.id("2").messageBody("fine " + marker)));

        // then
        Message dead = awaitMessage(stack.queueUrl("WorkDlq"), "poison " + marker);
        assertThat(dead).isNotNull();
        List<JsonNode> seen = Recorder.of("WorkFunction").stream().filter(r -> r.path("body").asText().equals("poison " + marker)).toList();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("2");
        assertThat(Recorder.of("WorkFunction").stream().filter(r -> r.path("body").asText().equals("fine " + marker))).hasSize(1);
    }

    @Test
    void throwingHandler_shouldLeaveTheBatchForRedelivery() throws Exception {
        String marker = UUID.randomUUID().toString();
        stack.sqs().sendMessage(b -> b.queueUrl(stack.queueUrl("WorkQueue")).messageBody("explode " + marker));
        awaitMessage(stack.queueUrl("WorkDlq"), "explode " + marker);
        assertThat(Recorder.of("WorkFunction").stream().filter(r -> r.path("body").asText().contains(marker))).hasSize(2);
    }

    @Test
    void streamMappingWithFilter_shouldDeliverInsertsOnly_andTheOutboxChainShouldReachTheConsumer() throws Exception {
        // given
        String id = "item-" + UUID.randomUUID();
        String token = stack.mintToken("carol", false);

        // when: the handler writes the item and an outbox event in one transaction
        var created = post("/items", token, "{\"id\":\"" + id + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String table = stack.tableName("ItemsTable");
        stack.dynamoDb().updateItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(id)))
                .updateExpression("SET #n = :n").expressionAttributeNames(Map.of("#n", "note"))
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("x"))));
        stack.dynamoDb().deleteItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(id))));

        // then: the INSERT arrives, with AWS's record shape
        JsonNode insert = Recorder.await("ItemsStreamFunction",
                r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().equals(id), WAIT);
        assertThat(insert.path("eventName").asText()).isEqualTo("INSERT");
        assertThat(insert.path("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(insert.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(insert.path("eventSourceARN").asText()).startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/local-items/stream/");
        assertThat(insert.path("dynamodb").path("NewImage").path("owner").path("S").asText()).isEqualTo("carol");
        assertThat(insert.path("dynamodb").path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(insert.path("dynamodb").path("SequenceNumber").asText()).isNotBlank();
        assertThat(insert.path("dynamodb").path("SizeBytes").asInt()).isPositive();

        // and the outbox publisher put the event on the bus, whose rule sent it to the work queue's consumer
        JsonNode work = Recorder.await("WorkFunction", r -> r.path("body").asText().contains(id), WAIT);
        assertThat(Json.parseTrusted(work.path("body").asText()).path("detail-type").asText()).isEqualTo("ItemCreated");

        // the MODIFY and REMOVE were filtered out (give the poller time to have seen them)
        Thread.sleep(1000);
        assertThat(Recorder.of("ItemsStreamFunction").stream()
                .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().equals(id)))
                .extracting(r -> r.path("eventName").asText()).containsExactly("INSERT");
    }

    @Test
    void streamMapping_shouldRetryAFailedRecord_thenSendItsBatchToOnFailure_andMoveOn() throws Exception {
        // given: StrictStreamFunction reports "poison" records as failed; MaximumRetryAttempts 2
        String poison = "poison-" + UUID.randomUUID();
        String table = stack.tableName("ItemsTable");

        // when
        stack.dynamoDb().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(poison))));

        // then: first attempt + 2 retries, then the batch goes to the OnFailure queue
        Message failure = awaitMessageContaining(stack.queueUrl("StreamFailures"), "RetryAttemptsExhausted");
        JsonNode info = Json.parseTrusted(failure.body()).path("DDBStreamBatchInfo");
        assertThat(info.path("streamArn").asText()).startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/local-items/stream/");
        assertThat(Recorder.of("StrictStreamFunction").stream()
                .filter(r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().equals(poison))).hasSize(3);

        // and the mapping moves on
        String after = "after-" + UUID.randomUUID();
        stack.dynamoDb().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(after))));
        Recorder.await("StrictStreamFunction", r -> r.path("dynamodb").path("Keys").path("pk").path("S").asText().equals(after), WAIT);
    }

    @Test
    void schedule_shouldInvokeWithAScheduledEvent_whenTriggeredOnDemand() throws Exception {
        var response = post("/_local/schedules/TickFunction", null, "");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode event = Recorder.await("TickFunction", e -> e.path("detail-type").asText().equals("Scheduled Event"), WAIT);
        assertThat(event.path("source").asText()).isEqualTo("aws.events");
        assertThat(event.path("resources").get(0).asText()).startsWith("arn:aws:events:us-east-1:000000000000:rule/");
        assertThat(post("/_local/schedules/EchoFunction", null, "").statusCode()).isEqualTo(404);
    }

    Message awaitMessageContaining(String queueUrl, String text) {
        return awaitMessage(queueUrl, "a message containing '" + text + "'", m -> m.body().contains(text));
    }

    Message awaitMessage(String queueUrl, String body) {
        return awaitMessage(queueUrl, "the message '" + body + "'", m -> m.body().equals(body));
    }

    private Message awaitMessage(String queueUrl, String what, java.util.function.Predicate<Message> match) {
        return Await.until(what + " in " + queueUrl, WAIT, () -> stack.sqs()
                .receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                .filter(match).findFirst());
    }
}

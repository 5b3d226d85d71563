package dev.meridian.emulator.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.json.Json;
import dev.meridian.common.lambda.LambdaIo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP {@code POST /items}: writes the item and an outbox event ({@code test.items} /
 * {@code ItemCreated}) in one transaction, as Meridian's services do.
 */
public final class ItemsHandler implements RequestStreamHandler {

    private final DynamoDbClient dynamo;
    private final String itemsTable;
    private final String outboxTable;

    public ItemsHandler(Environment env) {
        this.dynamo = AwsClients.dynamoDb(env);
        this.itemsTable = env.require("ITEMS_TABLE");
        this.outboxTable = env.require("OUTBOX_TABLE");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonNode event = LambdaIo.read(input);
        JsonNode body = Json.parseTrusted(event.path("body").asText("{}"));
        String id = body.path("id").asText();
        String owner = event.path("requestContext").path("authorizer").path("jwt").path("claims").path("sub").asText();
        String eventId = UUID.randomUUID().toString();
        ObjectNode detail = Json.object();
        detail.put("eventId", eventId);
        detail.putObject("data").put("id", id).put("owner", owner);
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(itemsTable).item(Map.of(
                        "pk", AttributeValue.fromS(id),
                        "owner", AttributeValue.fromS(owner),
                        "createdAt", AttributeValue.fromS(Instant.now().toString())))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(outboxTable).item(Map.of(
                        "eventId", AttributeValue.fromS(eventId),
                        "source", AttributeValue.fromS("test.items"),
                        "detailType", AttributeValue.fromS(body.path("detailType").asText("ItemCreated")),
                        "detail", AttributeValue.fromS(Json.write(detail))))).build()));
        ObjectNode response = Json.object();
        response.put("statusCode", 201);
        response.putObject("headers").put("content-type", "application/json");
        response.put("body", Json.write(Json.object().put("id", id).put("eventId", eventId)));
        LambdaIo.write(output, response);
    }
}

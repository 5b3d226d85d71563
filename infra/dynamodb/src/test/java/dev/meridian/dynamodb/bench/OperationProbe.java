package dev.meridian.dynamodb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.json.Json;
import dev.meridian.dynamodb.wire.Operation;
import dev.meridian.dynamodb.wire.RequestContext;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * A quick measurement, not a test: the cost of PutItem + GetItem inside the engine (no HTTP),
 * then over HTTP with a bare HttpURLConnection client (no SDK), single thread.
 */
public final class OperationProbe {

    private OperationProbe() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).discoverPlugins(false).build().start()) {
            RequestContext ctx = new RequestContext("us-east-1", engine.database());
            Operation create = engine.operations().find("DynamoDB_20120810.CreateTable");
            create.handle(Json.MAPPER.readTree("{\"TableName\":\"bench\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}]}"), ctx);
            Operation put = engine.operations().find("DynamoDB_20120810.PutItem");
            Operation get = engine.operations().find("DynamoDB_20120810.GetItem");
            String note = "x".repeat(150);
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    String body = "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"k" + (i % 50000) + "\"},\"status\":{\"S\":\"PENDING\"},"
                            + "\"amount\":{\"N\":\"1299\"},\"note\":{\"S\":\"" + note + "\"}}}";
                    JsonNode r = Json.MAPPER.readTree(body);
                    Json.MAPPER.writeValueAsBytes(put.handle(r, ctx));
                    JsonNode g = Json.MAPPER.readTree("{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"k" + (i % 50000) + "\"}}}");
                    Json.MAPPER.writeValueAsBytes(get.handle(g, ctx));
                }
                System.out.printf("in-process: %.1f µs per call%n", (System.nanoTime() - t0) / 1e3 / (2.0 * n));
            }
            URL url = engine.endpoint().toURL();
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                int calls = 5000;
                for (int i = 0; i < calls; i++) {
                    post(url, "GetItem", "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"k" + i + "\"}}}");
                }
                System.out.printf("http GetItem, bare client: %.1f µs per call%n", (System.nanoTime() - t0) / 1e3 / calls);
            }
        }
    }

    private static void post(URL url, String op, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("X-Amz-Target", "DynamoDB_20120810." + op);
        c.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        c.setFixedLengthStreamingMode(b.length);
        try (OutputStream os = c.getOutputStream()) {
            os.write(b);
        }
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
    }
}

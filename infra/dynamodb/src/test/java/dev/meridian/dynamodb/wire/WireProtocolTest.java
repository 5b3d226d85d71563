package dev.meridian.dynamodb.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.storage.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire layer on its own, with raw HTTP: error bodies, unknown operations, malformed JSON,
 * chunked bodies, keep-alive, and a fuzz of malformed requests that must all be answered 400
 * (never 500) and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private DynamoDbEngine engine;

    @BeforeAll
    void start() {
        engine = DynamoDbEngine.builder().port(0).discoverPlugins(false).build().start();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply post(String target, String body) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(engine.endpoint() + "/").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        if (target != null) c.setRequestProperty("X-Amz-Target", target);
        c.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
        c.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261202/eu-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=00");
        try (OutputStream os = c.getOutputStream()) {
            os.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        assertThat(c.getContentType()).isEqualTo("application/x-amz-json-1.0");
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Reply(status, JSON.readTree(in.readAllBytes()));
        }
    }

    @Test
    void unknownOperation_shouldAnswerUnknownOperationException() throws Exception {
        Reply r = post("DynamoDB_20120810.NoSuchThing", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("__type").asText()).isEqualTo("com.amazonaws.dynamodb.v20120810#UnknownOperationException");
    }

    @Test
    void malformedJson_shouldAnswerSerializationException() throws Exception {
        Reply r = post("DynamoDB_20120810.ListTables", "{\"Limit\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("__type").asText()).endsWith("#SerializationException");
    }

    @Test
    void region_shouldComeFromCredentialScope_inTableArn() throws Exception {
        Reply r = post("DynamoDB_20120810.CreateTable", "{\"TableName\":\"wire_region\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/TableDescription/TableArn").asText())
                .isEqualTo("arn:aws:dynamodb:eu-west-2:000000000000:table/wire_region");
        assertThat(r.body().at("/TableDescription/CreationDateTime").isNumber()).isTrue();
    }

    @Test
    void chunkedBodyAndKeepAlive_shouldBeServedOnOneConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", engine.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            for (int i = 0; i < 2; i++) {
                String body = "{}";
                String req = "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
                out.write(req.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200");
                int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                assertThat(JSON.readTree(in.readNBytes(length)).has("TableNames")).isTrue();
            }
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void malformedRequests_shouldAllBeAnswered400_andChangeNothing() throws Exception {
        // given a table with one item
        assertThat(post("DynamoDB_20120810.CreateTable", "{\"TableName\":\"wire_fuzz\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}],"
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}]}")
                .status()).isEqualTo(200);
        String good = "{\"TableName\":\"wire_fuzz\",\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"v\":{\"L\":[{\"N\":\"2\"}]}}}";
        assertThat(post("DynamoDB_20120810.PutItem", good).status()).isEqualTo(200);
        Table table = engine.database().requireTable("wire_fuzz");
        String before = new String(table.get(table.items().firstKey()).json(), StandardCharsets.UTF_8);

        // when: many malformed variants of requests go to every operation (none can name the item's full key,
        // so none may change it)
        List<String> values = List.of("null", "1", "-1", "\"x\"", "\"\"", "[]", "{}", "[{}]", "{\"S\":1}", "{\"N\":\"abc\"}",
                "{\"S\":\"a\",\"N\":\"1\"}", "{\"NULL\":false}", "{\"SS\":[]}", "{\"B\":\"***\"}", "true", "{\"L\":{}}",
                "{\"M\":[]}", "1e400", "{\"pk\":{\"S\":\"a\"}}", "[[[]]]");
        List<String> fields = List.of("TableName", "Key", "Item", "ConditionExpression", "UpdateExpression",
                "ExpressionAttributeValues", "ExpressionAttributeNames", "ReturnValues", "Limit", "ExclusiveStartKey",
                "KeyConditionExpression", "Segment", "TotalSegments", "Select", "RequestItems", "TransactItems", "IndexName");
        List<String> ops = List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchWriteItem",
                "BatchGetItem", "TransactWriteItems", "TransactGetItems", "UpdateTable", "CreateTable", "DescribeTable");
        Random rnd = new Random(42);
        List<String> fiveHundreds = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String op = ops.get(rnd.nextInt(ops.size()));
            StringBuilder body = new StringBuilder("{\"TableName\":\"wire_fuzz\"");
            int n = 1 + rnd.nextInt(3);
            for (int k = 0; k < n; k++) {
                body.append(",\"").append(fields.get(rnd.nextInt(fields.size()))).append("\":")
                        .append(values.get(rnd.nextInt(values.size())));
            }
            body.append("}");
            Reply r = post("DynamoDB_20120810." + op, body.toString());
            if (r.status() >= 500) fiveHundreds.add(op + " " + body + " -> " + r.body());
        }

        // then
        assertThat(fiveHundreds).isEmpty();
        String after = new String(table.get(table.items().firstKey()).json(), StandardCharsets.UTF_8);
        assertThat(after).isEqualTo(before);
    }
}

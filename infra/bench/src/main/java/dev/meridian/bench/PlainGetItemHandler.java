package dev.meridian.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The reference point for cold starts: a minimal plain-Java handler with no Meridian code
 * and no Jackson. Its constructor builds a DynamoDbClient (url-connection client, like the
 * functions); each invocation drains the input, does one GetItem and writes a fixed JSON.
 */
public final class PlainGetItemHandler implements RequestStreamHandler {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String partition;
    private final String sortKey;

    public PlainGetItemHandler() {
        var builder = DynamoDbClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build());
        String endpoint = System.getenv("DYNAMODB_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        this.dynamoDb = builder.build();
        this.table = System.getenv("INVENTORY_TABLE");
        // the product item's key, given by the bench (ProductPrices is its home): this baseline loads no Meridian class
        this.partition = System.getenv("BENCH_PRODUCT_PK");
        this.sortKey = System.getenv("BENCH_PRODUCT_SK");
        if (partition == null || sortKey == null) {
            throw new IllegalStateException("BENCH_PRODUCT_PK and BENCH_PRODUCT_SK must be set (the bench's World sets them)");
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        GetItemResponse response = dynamoDb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(partition), "sk", AttributeValue.fromS(sortKey))));
        String name = response.hasItem() && response.item().containsKey("name") ? response.item().get("name").s() : "";
        output.write(("{\"statusCode\":200,\"body\":\"" + name.replace("\"", "") + "\"}").getBytes(StandardCharsets.UTF_8));
        output.flush();
    }
}

package dev.meridian.common.config;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SDK clients, built once per execution environment with an explicit region, credentials
 * provider and the url-connection HTTP client.
 *
 * <p>Endpoint overrides come only from configuration: {@code DYNAMODB_ENDPOINT} and
 * {@code EVENTBRIDGE_ENDPOINT}. With an override and no credentials in the environment,
 * static local credentials are used (the local engines do not check them). Clients are
 * cached per (service, region, endpoint), so functions that share an execution
 * environment (or the local runtime) share clients.
 */
public final class AwsClients {

    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String EVENTBRIDGE_ENDPOINT = "EVENTBRIDGE_ENDPOINT";

    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();
    private static final List<ExecutionInterceptor> EXTRA_INTERCEPTORS = new CopyOnWriteArrayList<>();
    private static volatile SdkHttpClient httpClient;

    private AwsClients() {
    }

    /**
     * Adds an interceptor to every client built afterwards. Used by the local runtime's
     * fault injection; never called in a deployed function.
     */
    public static void addInterceptorForNewClients(ExecutionInterceptor interceptor) {
        EXTRA_INTERCEPTORS.add(interceptor);
        CACHE.clear();
    }

    /**
     * Makes every client built afterwards use {@code client} instead of the url-connection
     * client (cached clients are dropped). Used by the benchmark to measure handlers through
     * an HTTP client that is fast on loopback; never called in a deployed function.
     */
    public static synchronized void useHttpClientForNewClients(SdkHttpClient client) {
        httpClient = client;
        CACHE.clear();
    }

    public static DynamoDbClient dynamoDb(Environment env) {
        String endpoint = env.get(DYNAMODB_ENDPOINT, "");
        return (DynamoDbClient) CACHE.computeIfAbsent("dynamodb|" + env.region() + "|" + endpoint, k -> {
            var builder = DynamoDbClient.builder()
                    .region(Region.of(env.region()))
                    .credentialsProvider(credentials(env, endpoint))
                    .httpClient(http())
                    .overrideConfiguration(overrides());
            if (!endpoint.isEmpty()) {
                builder.endpointOverride(URI.create(endpoint));
            }
            return builder.build();
        });
    }

    public static EventBridgeClient eventBridge(Environment env) {
        String endpoint = env.get(EVENTBRIDGE_ENDPOINT, "");
        return (EventBridgeClient) CACHE.computeIfAbsent("events|" + env.region() + "|" + endpoint, k -> {
            var builder = EventBridgeClient.builder()
                    .region(Region.of(env.region()))
                    .credentialsProvider(credentials(env, endpoint))
                    .httpClient(http())
                    .overrideConfiguration(overrides());
            if (!endpoint.isEmpty()) {
                builder.endpointOverride(URI.create(endpoint));
            }
            return builder.build();
        });
    }

    private static ClientOverrideConfiguration overrides() {
        var builder = ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(10))
                .apiCallAttemptTimeout(Duration.ofSeconds(3));
        EXTRA_INTERCEPTORS.forEach(builder::addExecutionInterceptor);
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Environment env, String endpoint) {
        boolean hasEnvCredentials = env.get("AWS_ACCESS_KEY_ID").isPresent();
        if (!endpoint.isEmpty() && !hasEnvCredentials) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        if (hasEnvCredentials) {
            // Lambda puts the execution role's session credentials in the process environment
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static SdkHttpClient http() {
        SdkHttpClient client = httpClient;
        if (client == null) {
            synchronized (AwsClients.class) {
                if (httpClient == null) {
                    httpClient = UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(5))
                            .build();
                }
                client = httpClient;
            }
        }
        return client;
    }
}

package dev.meridian.emulator.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The resources of a template as the local runtime runs them, intrinsics resolved. */
public final class Specs {

    private Specs() {
    }

    /** Where the local engines listen; intrinsics that name queues or endpoints resolve against them. */
    public record Endpoints(String dynamoDb, String sqs, String events, String issuer, String api) {
        public static Endpoints placeholder() {
            String none = "http://127.0.0.1:0";
            return new Endpoints(none, none, none, none + "/_local/issuer", none);
        }
    }

    public record KeyElement(String attribute, String keyType) {
    }

    public record Index(String name, List<KeyElement> keySchema, String projectionType, List<String> nonKeyAttributes) {
    }

    public record Table(String logicalId, String type, String tableName, List<KeyElement> keySchema,
                        Map<String, String> attributeTypes, List<Index> globalIndexes, List<Index> localIndexes,
                        String streamViewType, String ttlAttribute) {
    }

    public record Queue(String logicalId, String queueName, boolean fifo, Map<String, String> attributes,
                        String deadLetterQueueLogicalId, Integer maxReceiveCount) {
        public int visibilityTimeoutSeconds() {
            return Integer.parseInt(attributes.getOrDefault("VisibilityTimeout", "30"));
        }
    }

    public record Bus(String logicalId, String name) {
    }

    /** A rule target: a queue (by logical id) or a function (by logical id). */
    public record Target(String id, String queueLogicalId, String functionLogicalId, String input, String inputPath,
                         String messageGroupId) {
    }

    public record Rule(String logicalId, String name, String busName, String patternJson, List<Target> targets) {
    }

    public record JwtAuthorizer(String name, String identitySource, String declaredIssuer, List<String> declaredAudiences) {
    }

    public record HttpApi(String logicalId, String apiId, Map<String, JwtAuthorizer> authorizers, String defaultAuthorizer,
                          Cors cors) {
    }

    /** An HTTP API's CorsConfiguration; null on the API when it has none. */
    public record Cors(List<String> allowOrigins, List<String> allowHeaders, List<String> allowMethods,
                       List<String> exposeHeaders, Integer maxAge, boolean allowCredentials) {
    }

    /** A route: authorizer null means public. */
    public record Route(String functionLogicalId, String eventName, String apiLogicalId, String method, String path,
                        String authorizer, List<String> scopes) {
        public String routeKey() {
            return path.equals("$default") ? "$default" : method + " " + path;
        }
    }

    /** @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency}; null when not declared */
    public record SqsSource(String functionLogicalId, String eventName, String queueLogicalId, int batchSize,
                            int batchingWindowSeconds, boolean reportBatchItemFailures, List<String> filterPatterns,
                            Integer maximumConcurrency) {
    }

    public record StreamSource(String functionLogicalId, String eventName, String tableLogicalId,
                               String startingPosition, int batchSize, int batchingWindowSeconds,
                               boolean reportBatchItemFailures, int maximumRetryAttempts, int maximumRecordAgeSeconds,
                               boolean bisectOnError,
                               List<String> filterPatterns, String onFailureQueueLogicalId, int parallelizationFactor) {
    }

    public record Schedule(String functionLogicalId, String eventName, String expression, Duration rate, String input,
                           boolean v2, String name) {
    }

    /** An EventBridgeRule / CloudWatchEvent event source of a function: a rule whose only target is the function. */
    public record FunctionRule(String functionLogicalId, String eventName, String busName, String patternJson,
                               String input, String inputPath) {
    }

    /** @param reservedConcurrency {@code ReservedConcurrentExecutions}; null when not declared */
    public record Function(String logicalId, String functionName, String handlerClass, String handlerMethod,
                           int timeoutSeconds, int memoryMb, Map<String, String> environment, Integer reservedConcurrency) {
    }
}

package dev.meridian.emulator.chaos;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDK interceptor that injects faults into the functions' own clients (DynamoDB and
 * EventBridge, built by {@code AwsClients}); the runtime's engine clients are built elsewhere
 * and never see it.
 *
 * <p>One instance per JVM is added to {@code AwsClients}; each running stack registers the
 * endpoints of its engines with its {@link FaultInjector}, so two stacks in one JVM (tests) do
 * not share faults, and a stack without {@code --chaos} gets none.
 *
 * <ul>
 *   <li>crash: a write ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem},
 *       {@code TransactWriteItems}, {@code BatchWriteItem}, {@code PutEvents}) throws an
 *       {@link SdkClientException} before it is sent: nothing was written;</li>
 *   <li>crash-after-write: the write succeeded, then the call throws: the caller cannot know it
 *       happened (as when a Lambda dies or its connection drops after the commit);</li>
 *   <li>throttle: a DynamoDB call fails with {@link ProvisionedThroughputExceededException}
 *       (400), thrown outside the SDK's retry loop, i.e. as it surfaces once the SDK's own
 *       retries are exhausted;</li>
 *   <li>slow-table: a call on one of the target's slow tables (the embedding program names them) waits
 *       {@link ChaosSpec#slowTableMillis()} first; an invocation timeout interrupts the wait.</li>
 * </ul>
 * Faults are never decided from business data: only from the operation and the table.
 */
public final class ChaosInterceptor implements ExecutionInterceptor {

    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem",
            "PutEvents");

    /** One stack's faults: its injector and the tables the slow-table fault delays. */
    public record Target(FaultInjector injector, Set<String> slowTables) {
    }

    private static final ChaosInterceptor INSTANCE = new ChaosInterceptor();
    private static volatile boolean installed;

    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    /** The JVM's instance, added to {@code AwsClients} on first use. */
    public static synchronized ChaosInterceptor installed() {
        if (!installed) {
            dev.meridian.common.config.AwsClients.addInterceptorForNewClients(INSTANCE);
            installed = true;
        }
        return INSTANCE;
    }

    /** Function clients whose endpoint is one of {@code endpoints} get {@code target}'s faults. */
    public void register(Target target, URI... endpoints) {
        for (URI endpoint : endpoints) {
            targets.put(authority(endpoint), target);
        }
    }

    public void unregister(URI... endpoints) {
        for (URI endpoint : endpoints) {
            targets.remove(authority(endpoint));
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Target target = target(attributes);
        if (target == null) {
            return;
        }
        String operation = operation(attributes);
        boolean dynamo = isDynamoDb(attributes);
        String table = dynamo ? tableName(context.request()) : null;
        if (table != null && target.slowTables().contains(table) && target.injector().roll(Fault.SLOW_TABLE, operation)) {
            try {
                Thread.sleep(target.injector().spec().slowTableMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw AbortedException.create("chaos: slow-table call on " + table + " interrupted");
            }
        }
        if (dynamo && target.injector().roll(Fault.THROTTLE, operation)) {
            throw ProvisionedThroughputExceededException.builder()
                    .statusCode(400)
                    .message("chaos: injected throttle on " + operation + " (The level of configured provisioned throughput for the table was exceeded)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("chaos: injected throttle").serviceName("DynamoDb").build())
                    .build();
        }
        if (WRITES.contains(operation) && target.injector().roll(Fault.CRASH, operation)) {
            throw SdkClientException.create("chaos: injected crash before " + operation + " was sent (nothing written)");
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Target target = target(attributes);
        String operation = operation(attributes);
        if (target != null && WRITES.contains(operation) && context.httpResponse().isSuccessful()
                && target.injector().roll(Fault.CRASH_AFTER_WRITE, operation)) {
            throw SdkClientException.create("chaos: injected crash after " + operation + " succeeded (the write happened)");
        }
    }

    private Target target(ExecutionAttributes attributes) {
        if (targets.isEmpty()) {
            return null;
        }
        URI endpoint = attributes.getAttribute(SdkExecutionAttribute.CLIENT_ENDPOINT);
        return endpoint == null ? null : targets.get(authority(endpoint));
    }

    private static String operation(ExecutionAttributes attributes) {
        return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    }

    private static boolean isDynamoDb(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        return service != null && service.equalsIgnoreCase("DynamoDb");
    }

    private static String tableName(SdkRequest request) {
        return request.getValueForField("TableName", String.class).orElse(null);
    }

    private static String authority(URI uri) {
        return (uri.getHost() + ":" + uri.getPort()).toLowerCase(java.util.Locale.ROOT);
    }
}

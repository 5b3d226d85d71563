package dev.meridian.systemtests.security;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An SDK global interceptor (registered for the test JVM in
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}): records every
 * DynamoDB expression any client of this JVM sends — the functions' clients included — with
 * the operation that sent it, so that tests can check what actually reached DynamoDB.
 * Distinct expressions only: a few dozen strings.
 */
public final class ExpressionRecorder implements ExecutionInterceptor {

    private static final Set<String> FIELDS = Set.of("ConditionExpression", "UpdateExpression", "KeyConditionExpression",
            "FilterExpression", "ProjectionExpression");
    /** expression → the operation and field that sent it (first seen). */
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (!request.getClass().getPackageName().equals("software.amazon.awssdk.services.dynamodb.model")) {
            return;
        }
        record(request, request.getClass().getSimpleName());
        if (request instanceof TransactWriteItemsRequest t) {
            for (TransactWriteItem item : t.transactItems()) {
                if (item.put() != null) {
                    record(item.put(), "TransactWriteItems.Put");
                }
                if (item.update() != null) {
                    record(item.update(), "TransactWriteItems.Update");
                }
                if (item.delete() != null) {
                    record(item.delete(), "TransactWriteItems.Delete");
                }
                if (item.conditionCheck() != null) {
                    record(item.conditionCheck(), "TransactWriteItems.ConditionCheck");
                }
            }
        }
    }

    private static void record(software.amazon.awssdk.core.SdkPojo pojo, String where) {
        for (var field : pojo.sdkFields()) {
            if (FIELDS.contains(field.memberName())) {
                Object value = field.getValueOrDefault(pojo);
                if (value instanceof String s && SEEN.size() < 10_000) {
                    SEEN.putIfAbsent(s, where + "." + field.memberName());
                }
            }
        }
    }
}

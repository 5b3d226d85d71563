package dev.meridian.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the AWS operations made between {@link #reset()} and {@link #operations()}, so
 * the bench can check that a target's raw calls are exactly the calls its handler makes.
 */
final class CallCounter implements ExecutionInterceptor {

    private final List<String> operations = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    synchronized void reset() {
        operations.clear();
    }

    synchronized List<String> operations() {
        return List.copyOf(operations);
    }
}

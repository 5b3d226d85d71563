package dev.meridian.emulator.lambda;

import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.testfn.ConcurrencyProbeHandler;
import dev.meridian.emulator.testfn.ConcurrencyProbeHandler.Probe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Execution environments: one handler instance per concurrent invocation, bounded by the function's concurrency. */
class LocalFunctionTest {

    private final ExecutorService invokers = Executors.newCachedThreadPool();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        invokers.shutdownNow();
    }

    private static Specs.Function spec(String name, int timeoutSeconds) {
        return new Specs.Function("Probe", name, ConcurrencyProbeHandler.class.getName(), "handleRequest", timeoutSeconds, 512,
                Map.of(), null);
    }

    private LocalFunction function(String name, int timeoutSeconds, int concurrency) {
        return LocalFunction.create(spec(name, timeoutSeconds), "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                Map.of("AWS_LAMBDA_FUNCTION_NAME", name), invokers, concurrency);
    }

    private List<Future<LocalFunction.Result>> invokeAtOnce(LocalFunction function, int n) {
        List<Future<LocalFunction.Result>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(callers.submit(() -> function.invoke("{}".getBytes(StandardCharsets.UTF_8), "test")));
        }
        return results;
    }

    @Test
    void concurrentInvocations_shouldRunAtTheSameTime_eachInItsOwnEnvironment() throws Exception {
        // GIVEN a function that may run 4 environments, whose handler waits until 4 invocations are inside it
        String name = "probe-" + UUID.randomUUID();
        Probe probe = Probe.of(name);
        probe.gate = new CountDownLatch(4);
        LocalFunction function = function(name, 60, 4);

        // WHEN 4 invocations arrive at once
        List<Future<LocalFunction.Result>> results = invokeAtOnce(function, 4);

        // THEN all 4 were inside the handler together (the gate opened), each in a different instance
        for (Future<LocalFunction.Result> r : results) {
            assertThat(r.get().ok()).isTrue();
        }
        assertThat(probe.gate.getCount()).isZero();
        assertThat(probe.instancesUsed).hasSize(4);
        assertThat(function.environments()).isEqualTo(4);
        assertThat(function.peakConcurrency()).isEqualTo(4);
        assertThat(probe.overlappingUses).hasValue(0);
    }

    @Test
    void moreInvocationsThanTheConcurrency_shouldWaitForAnEnvironment_andNeverShareOne() throws Exception {
        // GIVEN a function limited to 2 environments
        String name = "probe-" + UUID.randomUUID();
        Probe probe = Probe.of(name);
        LocalFunction function = function(name, 60, 2);

        // WHEN 40 invocations arrive from 8 callers at once
        List<Future<LocalFunction.Result>> results = new ArrayList<>();
        for (int caller = 0; caller < 8; caller++) {
            results.add(callers.submit(() -> {
                LocalFunction.Result last = null;
                for (int i = 0; i < 5; i++) {
                    last = function.invoke("{}".getBytes(StandardCharsets.UTF_8), "test");
                    if (!last.ok()) {
                        return last;
                    }
                }
                return last;
            }));
        }

        // THEN every invocation succeeded, in at most 2 instances, none ever serving two invocations at once
        for (Future<LocalFunction.Result> r : results) {
            assertThat(r.get().ok()).isTrue();
        }
        assertThat(probe.invocations).hasValue(40);
        assertThat(probe.instancesUsed).hasSizeLessThanOrEqualTo(2);
        assertThat(function.environments()).isLessThanOrEqualTo(2);
        assertThat(function.peakConcurrency()).isLessThanOrEqualTo(2);
        assertThat(probe.overlappingUses).hasValue(0);
    }

    @Test
    void timedOutInvocation_shouldTakeItsEnvironmentWithIt() {
        // GIVEN a function whose next invocation hangs past its 1 s timeout
        String name = "probe-" + UUID.randomUUID();
        Probe probe = Probe.of(name);
        LocalFunction function = function(name, 1, 1);
        function.invoke("{}".getBytes(StandardCharsets.UTF_8), "warm");
        probe.hangOnce.set(true);

        // WHEN it times out, and the function is invoked again
        LocalFunction.Result timedOut = function.invoke("{}".getBytes(StandardCharsets.UTF_8), "hangs");
        LocalFunction.Result next = function.invoke("{}".getBytes(StandardCharsets.UTF_8), "after");

        // THEN the next invocation ran in a new instance (Lambda resets an environment after a timeout)
        assertThat(timedOut.ok()).isFalse();
        assertThat(timedOut.error()).contains("timed out");
        assertThat(next.ok()).isTrue();
        assertThat(probe.instancesUsed).hasSize(2);
        assertThat(function.environments()).isEqualTo(1);
    }

    @Test
    void reservedConcurrencyZero_shouldThrottleEveryInvocation() {
        // GIVEN a function with no concurrency at all
        String name = "probe-" + UUID.randomUUID();
        LocalFunction function = function(name, 60, 0);

        // WHEN it is invoked
        LocalFunction.Result result = function.invoke("{}".getBytes(StandardCharsets.UTF_8), "test");

        // THEN it is throttled and no handler was built
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("TooManyRequestsException");
        assertThat(Probe.of(name).invocations).hasValue(0);
        assertThat(function.environments()).isZero();
    }
}

package dev.meridian.emulator.lambda;

import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.ToIntFunction;

/**
 * The template's functions: each handler class is found by name on the classpath the embedding
 * program provides and constructed in this JVM (the emulator depends on no function module).
 */
public final class Functions {

    private Functions() {
    }

    /** Fails with every function whose handler cannot be constructed, before any engine starts. */
    public static void checkHandlers(StackModel model) {
        List<String> problems = new ArrayList<>();
        for (Specs.Function f : model.functions().values()) {
            try {
                LocalFunction.handlerConstructor(f);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        failOn(problems);
    }

    /**
     * Constructs every function with Lambda's environment variables and the engines' endpoints.
     *
     * @param concurrencyOf a function's execution environments, given its ReservedConcurrentExecutions (null when it has none)
     */
    public static Map<String, LocalFunction> create(StackModel model, ExecutorService invokers, ToIntFunction<Integer> concurrencyOf) {
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        Map<String, CompletableFuture<LocalFunction>> futures = new LinkedHashMap<>();
        for (Specs.Function f : model.functions().values()) {
            Map<String, String> env = new LinkedHashMap<>(f.environment());
            env.put("AWS_REGION", model.region());
            env.put("AWS_DEFAULT_REGION", model.region());
            env.put("AWS_LAMBDA_FUNCTION_NAME", f.functionName());
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
            env.put("AWS_EMF_ENVIRONMENT", "Local");
            env.put("DYNAMODB_ENDPOINT", model.endpoints().dynamoDb());
            env.put("EVENTBRIDGE_ENDPOINT", model.endpoints().events());
            futures.put(f.logicalId(), CompletableFuture.supplyAsync(
                    () -> LocalFunction.create(f, model.functionArn(f.logicalId()), env, invokers,
                            concurrencyOf.applyAsInt(f.reservedConcurrency()))));
        }
        List<String> problems = new ArrayList<>();
        futures.forEach((id, future) -> {
            try {
                functions.put(id, future.join());
            } catch (CompletionException e) {
                problems.add(e.getCause().getMessage());
            }
        });
        failOn(problems);
        return functions;
    }

    private static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("functions cannot be constructed:\n  - " + String.join("\n  - ", problems));
        }
    }
}

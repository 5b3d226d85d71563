package dev.meridian.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.Environment;
import dev.meridian.local.template.Specs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function of the template, constructed with the environment the template declares,
 * invoked with a fake {@link com.amazonaws.services.lambda.runtime.Context}.
 *
 * <p>Each invocation is bounded by the function's Timeout and logged as one line:
 * function, source, duration, outcome. Never the event, the response or a token.
 */
public final class LocalFunction {

    private static final Logger LOG = LoggerFactory.getLogger("invoke");

    private final Specs.Function spec;
    private final String arn;
    private final RequestStreamHandler handler;
    private final ExecutorService executor;

    private LocalFunction(Specs.Function spec, String arn, RequestStreamHandler handler, ExecutorService executor) {
        this.spec = spec;
        this.arn = arn;
        this.handler = handler;
        this.executor = executor;
    }

    /**
     * Builds the handler through its public {@code (Environment)} constructor.
     *
     * @throws IllegalStateException naming the function when the class is missing or unfit
     */
    public static LocalFunction create(Specs.Function spec, String arn, Map<String, String> environment, ExecutorService executor) {
        Constructor<?> constructor = handlerConstructor(spec);
        String where = spec.logicalId() + " (handler " + spec.handlerClass() + "::" + spec.handlerMethod() + ")";
        try {
            return new LocalFunction(spec, arn, (RequestStreamHandler) constructor.newInstance(Environment.of(environment)), executor);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(where + ": constructor failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(where + ": cannot be constructed: " + e, e);
        }
    }

    /**
     * The handler's public {@code (Environment)} constructor; checked before any engine starts.
     *
     * @throws IllegalStateException naming the function when the class is missing or unfit
     */
    public static Constructor<?> handlerConstructor(Specs.Function spec) {
        String where = spec.logicalId() + " (handler " + spec.handlerClass() + "::" + spec.handlerMethod() + ")";
        if (!spec.handlerMethod().equals("handleRequest")) {
            throw new IllegalStateException(where + ": only RequestStreamHandler.handleRequest handlers are supported");
        }
        Class<?> type;
        try {
            type = Class.forName(spec.handlerClass(), true, LocalFunction.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(where + ": class not found on the runtime's classpath"
                    + " (add the function's module as a dependency of infra/local)");
        }
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException(where + ": does not implement RequestStreamHandler");
        }
        try {
            return type.getConstructor(Environment.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(where + ": needs a public constructor taking dev.meridian.common.config.Environment");
        }
    }

    public String logicalId() {
        return spec.logicalId();
    }

    public String functionName() {
        return spec.functionName();
    }

    /** The outcome of one invocation: the handler's output, or why it failed. */
    public record Result(boolean ok, byte[] output, String error, long millis) {
    }

    /** Invokes synchronously; never throws for a handler failure (see {@link Result#error()}). */
    public Result invoke(byte[] event, String source) {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + spec.timeoutSeconds() * 1000L;
        LocalContext context = new LocalContext(requestId, spec.functionName(), arn, spec.memoryMb(), deadline);
        Future<byte[]> future = executor.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String previous = Thread.currentThread().getName();
            Thread.currentThread().setName(spec.logicalId());
            try {
                handler.handleRequest(new ByteArrayInputStream(event), out, context);
            } finally {
                Thread.currentThread().setName(previous);
            }
            return out.toByteArray();
        });
        Result result;
        try {
            result = new Result(true, future.get(spec.timeoutSeconds(), TimeUnit.SECONDS), null, elapsed(start));
        } catch (TimeoutException e) {
            future.cancel(true);
            result = new Result(false, null, "Task timed out after " + spec.timeoutSeconds() + " seconds", elapsed(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            result = new Result(false, null, cause.getClass().getName(), elapsed(start));
            // as the Lambda runtime does in CloudWatch: the uncaught exception with its stack trace
            LOG.warn("{} threw", spec.logicalId(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            result = new Result(false, null, "interrupted (runtime stopping)", elapsed(start));
        }
        LOG.info("{} {} {} ms {}", spec.logicalId(), source, result.millis(), result.ok() ? "ok" : "error: " + result.error());
        return result;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

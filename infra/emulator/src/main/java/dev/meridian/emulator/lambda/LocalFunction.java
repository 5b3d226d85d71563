package dev.meridian.emulator.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.config.Environment;
import dev.meridian.emulator.template.Specs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function of the template, constructed with the environment the template declares,
 * invoked with a fake {@link com.amazonaws.services.lambda.runtime.Context}.
 *
 * <p>Like Lambda, each concurrent invocation runs in its own execution environment: here, its
 * own handler instance, built through the {@code (Environment)} constructor when no idle one
 * is left (a cold start) and reused afterwards, one invocation at a time. At most
 * {@code concurrency} environments exist at once (the function's ReservedConcurrentExecutions,
 * else the run's limit); an invocation that finds them all busy waits for one to be free (Lambda
 * would throttle it). An invocation that times out takes its environment with it, as Lambda
 * resets an environment after a timeout: its thread is interrupted and the instance is dropped.
 *
 * <p>Each invocation is bounded by the function's Timeout and logged as one line:
 * function, source, duration, outcome. Never the event, the response or a token.
 */
public final class LocalFunction {

    private static final Logger LOG = LoggerFactory.getLogger("invoke");

    private final Specs.Function spec;
    private final String arn;
    private final Constructor<?> constructor;
    private final Environment environment;
    private final ExecutorService executor;
    private final int concurrency;
    private final Semaphore free;
    /** Idle environments, most recently used first (Lambda prefers warm environments). */
    private final Deque<RequestStreamHandler> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger environments = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    private LocalFunction(Specs.Function spec, String arn, Constructor<?> constructor, Environment environment,
                          ExecutorService executor, int concurrency) {
        this.spec = spec;
        this.arn = arn;
        this.constructor = constructor;
        this.environment = environment;
        this.executor = executor;
        this.concurrency = concurrency;
        this.free = new Semaphore(concurrency, true);
    }

    /**
     * Builds the first execution environment through the handler's public {@code (Environment)}
     * constructor, so that a function that cannot be constructed stops the start.
     *
     * @param concurrency how many execution environments may run at once (0: every invocation is throttled)
     * @throws IllegalStateException naming the function when the class is missing or unfit
     */
    public static LocalFunction create(Specs.Function spec, String arn, Map<String, String> environment, ExecutorService executor,
                                       int concurrency) {
        if (concurrency < 0) {
            throw new IllegalArgumentException(spec.logicalId() + ": concurrency must not be negative, was " + concurrency);
        }
        LocalFunction function = new LocalFunction(spec, arn, handlerConstructor(spec), Environment.of(environment), executor, concurrency);
        if (concurrency > 0) {
            function.idle.push(function.newEnvironment());
        }
        return function;
    }

    private RequestStreamHandler newEnvironment() {
        String where = spec.logicalId() + " (handler " + spec.handlerClass() + "::" + spec.handlerMethod() + ")";
        try {
            RequestStreamHandler handler = (RequestStreamHandler) constructor.newInstance(environment);
            environments.incrementAndGet();
            return handler;
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

    /** How many execution environments may run at once. */
    public int concurrency() {
        return concurrency;
    }

    /** Execution environments that exist now (idle or busy). */
    public int environments() {
        return environments.get();
    }

    /** The most invocations that have run at once since the start. */
    public int peakConcurrency() {
        return peak.get();
    }

    /** Invokes synchronously; never throws for a handler failure (see {@link Result#error()}). */
    public Result invoke(byte[] event, String source) {
        long start = System.nanoTime();
        if (concurrency == 0) {
            Result throttled = new Result(false, null, "TooManyRequestsException: Rate Exceeded (ReservedConcurrentExecutions 0)", 0);
            LOG.info("{} {} throttled", spec.logicalId(), source);
            return throttled;
        }
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted (runtime stopping)", elapsed(start));
        }
        try {
            RequestStreamHandler handler;
            try {
                handler = takeEnvironment();
            } catch (IllegalStateException initFailed) {
                LOG.warn("{}: a new execution environment failed to initialise", spec.logicalId(), initFailed);
                return new Result(false, null, "init failed: " + initFailed.getMessage(), elapsed(start));
            }
            return invokeIn(handler, event, source, start);
        } finally {
            free.release();
        }
    }

    private RequestStreamHandler takeEnvironment() {
        RequestStreamHandler handler = idle.pollFirst();
        if (handler != null) {
            return handler;
        }
        long t = System.nanoTime();
        handler = newEnvironment();
        LOG.info("{}: execution environment {} initialised in {} ms", spec.logicalId(), environments.get(), elapsed(t));
        return handler;
    }

    private Result invokeIn(RequestStreamHandler handler, byte[] event, String source, long start) {
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + spec.timeoutSeconds() * 1000L;
        LocalContext context = new LocalContext(requestId, spec.functionName(), arn, spec.memoryMb(), deadline);
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        Future<byte[]> future;
        try {
            future = executor.submit(() -> {
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
        } catch (RejectedExecutionException e) {
            running.decrementAndGet();
            idle.push(handler);
            return new Result(false, null, "runtime stopping", elapsed(start));
        }
        Result result;
        boolean reusable = true;
        try {
            result = new Result(true, future.get(spec.timeoutSeconds(), TimeUnit.SECONDS), null, elapsed(start));
        } catch (TimeoutException e) {
            future.cancel(true);
            reusable = false;
            result = new Result(false, null, "Task timed out after " + spec.timeoutSeconds() + " seconds", elapsed(start));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            result = new Result(false, null, cause.getClass().getName(), elapsed(start));
            // as the Lambda runtime does in CloudWatch: the uncaught exception with its stack trace
            LOG.warn("{} threw", spec.logicalId(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            reusable = false;
            result = new Result(false, null, "interrupted (runtime stopping)", elapsed(start));
        } finally {
            running.decrementAndGet();
        }
        if (reusable) {
            idle.push(handler);
        } else {
            // the handler may still be running on the interrupted thread: it never serves another invocation
            environments.decrementAndGet();
        }
        LOG.info("{} {} {} ms {}", spec.logicalId(), source, result.millis(), result.ok() ? "ok" : "error: " + result.error());
        return result;
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}

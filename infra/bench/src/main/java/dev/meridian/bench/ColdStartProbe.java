package dev.meridian.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child JVM of the cold-start proxy:
 * {@code java <flags> -cp <layer+function> dev.meridian.bench.ColdStartProbe <handler-class> <event-file> [--prime]}.
 *
 * <p>Does what the Lambda runtime does on a cold start — constructs the handler through
 * its no-arg constructor, hands it the event bytes — prints {@link ProbeLine#RESPONDED}
 * the moment the first response is complete (the parent times process spawn to that
 * line: the cold start, JVM boot included), then one {@link ProbeLine} with the parts:
 * {@code totalMs} from the JVM's recorded start (RuntimeMXBean, which is taken after
 * most of the JVM's own boot) to the first response, constructor, invocations, classes. With {@code --prime} it runs the registered SnapStart primers
 * after construction (what {@code beforeCheckpoint} does), so {@code firstInvokeMs} is
 * the part of a SnapStart cold start that remains after restore.
 *
 * <p>{@code --train <class> <event-file> ...} constructs and invokes each handler in turn
 * (the training run of an AppCDS archive).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        if (args.length > 0 && args[0].equals("--train")) {
            for (int i = 1; i + 1 < args.length; i += 2) {
                RequestStreamHandler handler = construct(args[i]);
                byte[] event = Files.readAllBytes(Path.of(args[i + 1]));
                invoke(handler, event);
                invoke(handler, event);
            }
            System.out.println(ProbeLine.PREFIX + " handler=train");
            System.out.flush();
            // a normal exit (not halt): -XX:ArchiveClassesAtExit writes the archive at VM exit
            System.exit(0);
        }
        if (args.length < 2) {
            System.err.println("usage: ColdStartProbe <handler-class> <event-file> [--prime]");
            System.exit(2);
        }
        boolean prime = args.length > 2 && args[2].equals("--prime");
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        long t0 = System.nanoTime();
        RequestStreamHandler handler = construct(args[0]);
        long t1 = System.nanoTime();
        int primed = 0;
        if (prime) {
            // reflection keeps Meridian's classes out of the baselines' runs
            Class<?> priming = Class.forName("dev.meridian.common.lambda.Priming");
            priming.getMethod("runRegistered").invoke(null);
            primed = (Integer) priming.getMethod("registered").invoke(null);
        }
        long t2 = System.nanoTime();
        byte[] first = invoke(handler, event);
        long t3 = System.nanoTime();
        long firstAt = System.currentTimeMillis();
        System.out.println(ProbeLine.RESPONDED);
        System.out.flush();
        long t3b = System.nanoTime();
        invoke(handler, event);
        long t4 = System.nanoTime();

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("handler", args[0]);
        line.put("totalMs", firstAt - jvmStart);
        line.put("jvmToMainMs", mainAt - jvmStart);
        line.put("constructMs", ms(t1 - t0));
        line.put("primeMs", ms(t2 - t1));
        line.put("firstInvokeMs", ms(t3 - t2));
        line.put("secondInvokeMs", ms(t4 - t3b));
        line.put("primers", primed);
        line.put("classes", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        line.put("responseBytes", first.length);
        line.put("response", summary(first));
        System.out.println(ProbeLine.format(line));
        System.out.flush();
        // do not wait for the SDK's or the logger's threads: the measurement is done
        Runtime.getRuntime().halt(0);
    }

    static RequestStreamHandler construct(String className) throws ReflectiveOperationException {
        return (RequestStreamHandler) Class.forName(className).getDeclaredConstructor().newInstance();
    }

    static byte[] invoke(RequestStreamHandler handler, byte[] event) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, ProbeContext.INSTANCE);
        return out.toByteArray();
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** The first 80 characters of the response without whitespace: enough to see a status code. */
    static String summary(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8).replaceAll("\\s+", "");
        return text.isEmpty() ? "<empty>" : text.substring(0, Math.min(80, text.length()));
    }

    /** A Lambda context for the probe (handlers may read the request id or remaining time). */
    static final class ProbeContext implements Context {
        static final ProbeContext INSTANCE = new ProbeContext();

        @Override
        public String getAwsRequestId() {
            return "bench-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return "bench";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:bench";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.write(message, 0, message.length);
                }
            };
        }
    }
}

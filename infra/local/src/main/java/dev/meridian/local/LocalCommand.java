package dev.meridian.local;

import dev.meridian.local.template.TemplateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code ./meridian local}: runs template.yaml until Ctrl-C or SIGTERM. */
final class LocalCommand implements Command {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String summary() {
        return "run the whole stack of template.yaml in this JVM (HTTP API, functions, queues, bus, tables)";
    }

    @Override
    public String usage() {
        return """
                usage: ./meridian local [--port 3000] [--data-dir DIR] [--template template.yaml]
                                        [--param Name=Value]... [--region us-east-1] [--stack-name meridian-local]
                                        [--chaos crash=0.1,crash-after-write=0.05,duplicate=0.1,throttle=0.05,slow-payment=0.05] [--seed N]
                                        [--function-concurrency N]
                  --port       HTTP API port on 127.0.0.1 (default 3000)
                  --data-dir   keep DynamoDB data and the issuer key in DIR (default: in memory, new key per start)
                  --template   the SAM template (default: template.yaml here, else at the repo root)
                  --param      override a template parameter's default (repeatable)
                  --chaos      inject faults into the functions' calls, name=probability (any subset of crash,
                               crash-after-write, duplicate, throttle, slow-payment; slow-payment-ms=N sets the delay);
                               counts at GET /_local/chaos and on stop; sets FunctionTimeout=2 and
                               QueueVisibilityTimeout=2 unless --param gives them
                  --seed       the fault generator's seed (default 1): the same seed draws the same decisions
                  --function-concurrency
                               execution environments (handler instances) a function may run at once, for
                               functions without ReservedConcurrentExecutions (default 1000, Lambda's account
                               quota; SQS mappings still start at 5 concurrent batches, as Lambda does)""";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("port", "data-dir", "template", "param", "region", "stack-name",
                "chaos", "seed", "function-concurrency"));
        LocalOptions.Builder builder = LocalOptions.builder().port(args.integer("port", LocalOptions.DEFAULT_PORT))
                .region(args.get("region", "us-east-1"))
                .stackName(args.get("stack-name", "meridian-local"));
        if (args.get("function-concurrency", null) != null) {
            int limit = args.integer("function-concurrency", LocalOptions.DEFAULT_FUNCTION_CONCURRENCY);
            if (limit < 1) {
                throw new Args.UsageException("--function-concurrency must be at least 1, got " + limit);
            }
            builder.functionConcurrency(limit);
        }
        String template = args.get("template", null);
        builder.template(template == null ? LocalOptions.defaultTemplate() : Path.of(template));
        String dataDir = args.get("data-dir", null);
        if (dataDir != null) {
            builder.dataDir(Path.of(dataDir));
        }
        for (String p : args.all("param")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--param needs Name=Value, got '" + p + "'");
            }
            builder.parameter(p.substring(0, eq), p.substring(eq + 1));
        }
        String chaos = args.get("chaos", null);
        if (chaos != null) {
            try {
                builder.chaos(dev.meridian.local.chaos.ChaosSpec.parse(chaos, args.longValue("seed", 1)));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException(e.getMessage());
            }
            // under faults, retries should take seconds, not the deployed 180 s visibility timeout
            for (String fast : new String[]{"FunctionTimeout", "QueueVisibilityTimeout"}) {
                if (args.all("param").stream().noneMatch(p -> p.startsWith(fast + "="))) {
                    builder.parameter(fast, "2");
                    System.out.println("meridian local: --chaos: " + fast + "=2 (fast retries; --param " + fast + "=N overrides)");
                }
            }
        }
        LocalOptions options = builder.build();
        if (!Files.exists(options.template())) {
            System.err.println("meridian local: no template at " + options.template().toAbsolutePath() + " (use --template)");
            return 1;
        }
        MeridianLocal stack;
        try {
            stack = MeridianLocal.start(options);
        } catch (TemplateException e) {
            System.err.println("meridian local: " + options.template() + ": " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("meridian local: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("meridian local: stopping");
            stack.chaos().ifPresent(c -> System.out.println("meridian local: faults injected: " + c.summary()));
            stack.close();
            stopped.countDown();
            System.out.println("meridian local: stopped");
        }, "meridian-local-shutdown"));
        stack.printBanner(System.out);
        System.out.println("press Ctrl-C to stop");
        stopped.await();
        return 0;
    }
}

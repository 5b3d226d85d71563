package dev.meridian.cli;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.template.TemplateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./meridian local}: runs template.yaml until Ctrl-C or SIGTERM. */
@Command(name = "local", description = "run the whole stack of template.yaml in this JVM (HTTP API, functions, queues, bus, tables)")
final class LocalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "HTTP API port on 127.0.0.1 (default 3000)")
    int port = EmulatorOptions.DEFAULT_PORT;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "keep DynamoDB data and the issuer key in DIR (default: in memory, new key per start)")
    Path dataDir;

    @Option(names = "--template", paramLabel = "template.yaml", description = "the SAM template (default: template.yaml here, else at the repo root)")
    Path template;

    @Option(names = "--param", paramLabel = "Name=Value", description = "override a template parameter's default (repeatable)")
    List<String> params = new ArrayList<>();

    @Option(names = "--region", description = "what AWS::Region resolves to (default us-east-1)")
    String region;

    @Option(names = "--regions", paramLabel = "R1,R2,...", split = ",", description = {
            "run one stack per region (the first the primary), region i on --port + i, global",
            "tables replicating between them, a front door on --port + 100; see GET /_local/regions"})
    List<String> regions;

    @Option(names = "--replication-lag-ms", paramLabel = "N", description = "with --regions: replicated writes arrive N ms late (default 0)")
    Long replicationLagMs;

    @Option(names = "--replication-jitter-ms", paramLabel = "N", description = "with --regions: per-item spread of the lag, +/- N ms (default 0)")
    Long replicationJitterMs;

    @Option(names = "--stack-name", description = "what AWS::StackName resolves to (default " + MeridianStack.STACK_NAME + ")")
    String stackName = MeridianStack.STACK_NAME;

    @Option(names = "--chaos", paramLabel = "crash=0.1,...", description = {
            "inject faults into the functions' calls, name=probability (any subset of crash,",
            "crash-after-write, duplicate, throttle, slow-payment; slow-payment-ms=N sets the delay);",
            "counts at GET /_local/chaos and on stop; sets FunctionTimeout=2 and",
            "QueueVisibilityTimeout=2 unless --param gives them"})
    String chaos;

    @Option(names = "--seed", description = "the fault generator's seed (default 1): the same seed draws the same decisions")
    long seed = 1;

    @Option(names = "--function-concurrency", paramLabel = "N", description = {
            "execution environments (handler instances) a function may run at once, for",
            "functions without ReservedConcurrentExecutions (default 1000, Lambda's account",
            "quota; SQS mappings still start at 5 concurrent batches, as Lambda does)"})
    Integer functionConcurrency;

    @Override
    public Integer call() throws Exception {
        if (regions == null && (replicationLagMs != null || replicationJitterMs != null)) {
            throw Main.usage(spec, "--replication-lag-ms and --replication-jitter-ms need --regions");
        }
        if (regions != null && (region != null || dataDir != null || chaos != null)) {
            throw Main.usage(spec, "--regions runs in memory, without faults, each region named by --regions:"
                    + " it does not combine with --region, --data-dir or --chaos");
        }
        EmulatorOptions.Builder builder = MeridianStack.options().port(port).region(region == null ? "us-east-1" : region).stackName(stackName);
        if (functionConcurrency != null) {
            if (functionConcurrency < 1) {
                throw Main.usage(spec, "--function-concurrency must be at least 1, got " + functionConcurrency);
            }
            builder.functionConcurrency(functionConcurrency);
        }
        builder.template(template == null ? MeridianStack.defaultTemplate() : template);
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw Main.usage(spec, "--param needs Name=Value, got '" + p + "'");
            }
            builder.parameter(p.substring(0, eq), p.substring(eq + 1));
        }
        if (chaos != null) {
            try {
                builder.chaos(MeridianStack.parseChaos(chaos, seed));
            } catch (IllegalArgumentException e) {
                throw Main.usage(spec, e.getMessage());
            }
            // under faults, retries should take seconds, not the deployed 180 s visibility timeout
            for (String fast : new String[]{"FunctionTimeout", "QueueVisibilityTimeout"}) {
                if (params.stream().noneMatch(p -> p.startsWith(fast + "="))) {
                    builder.parameter(fast, "2");
                    System.out.println("meridian local: --chaos: " + fast + "=2 (fast retries; --param " + fast + "=N overrides)");
                }
            }
        }
        EmulatorOptions options;
        try {
            options = builder.build();
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        if (!Files.exists(options.template())) {
            System.err.println("meridian local: no template at " + options.template().toAbsolutePath() + " (use --template)");
            return 1;
        }
        if (regions != null) {
            return MultiRegionLocal.run(spec, options, regions, port, replicationLagMs, replicationJitterMs);
        }
        Emulator stack;
        try {
            stack = Emulator.start(options);
        } catch (TemplateException e) {
            System.err.println("meridian local: " + options.template() + ": " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            System.err.println("meridian local: " + e.getMessage());
            return 1;
        }
        return UntilStopped.serve(() -> stack.printBanner(System.out, "meridian local"), "stopping", () -> {
            stack.chaos().ifPresent(c -> System.out.println("meridian local: faults injected: " + c.summary()));
            stack.close();
        });
    }
}

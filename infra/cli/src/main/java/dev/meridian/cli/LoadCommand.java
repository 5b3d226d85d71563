package dev.meridian.cli;

import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.chaos.ChaosSpec;
import dev.meridian.load.LoadRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./meridian load}: orders under load (and faults), then every invariant checked. */
@Command(name = "load", description = "place N orders (with --chaos faults), wait until terminal, check every invariant; exit 1 on a violation")
final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--orders", paramLabel = "N", description = "how many orders to place")
    int orders = -1;

    @Option(names = "--concurrency", paramLabel = "C", description = "parallel clients (default 8)")
    int concurrency = 8;

    @Option(names = "--skus", paramLabel = "K", description = "hot skus restocked for the run (default 10)")
    int skus = 10;

    @Option(names = "--customers", paramLabel = "M", description = "customers placing the orders (default N/40, at least 1)")
    Integer customers;

    @Option(names = "--target", paramLabel = "URL", description = {"base URL of a running ./meridian local (e.g. http://127.0.0.1:3000);",
            "without it the command starts its own stack (FunctionTimeout=2, QueueVisibilityTimeout=2)"})
    String target;

    @Option(names = "--chaos", paramLabel = "crash=0.1,...", description = {"faults for the stack it starts (as ./meridian local --chaos);",
            "with --target, start the target with --chaos instead"})
    String chaos;

    @Option(names = "--seed", paramLabel = "N", description = "the seed of the order mix and of the faults (default 1)")
    long seed = 1;

    @Option(names = "--deadline", paramLabel = "SECONDS", description = "seconds to wait for every order to become terminal (default 300)")
    int deadline = 300;

    @Option(names = "--redrive", description = {"when orders wait in DLQs, move the messages back (POST /_local/redrive) and wait",
            "again, up to 3 rounds, before checking"})
    boolean redrive;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (orders < 1) {
            throw Main.usage(spec, "--orders N is required (N >= 1)");
        }
        ChaosSpec faults = null;
        if (chaos != null) {
            if (target != null) {
                throw Main.usage(spec, "--chaos applies to the stack load starts; start the target with ./meridian local --chaos");
            }
            try {
                faults = MeridianStack.parseChaos(chaos, seed);
            } catch (IllegalArgumentException e) {
                throw Main.usage(spec, e.getMessage());
            }
        }
        LoadRun.Options options;
        try {
            options = new LoadRun.Options(orders, concurrency, skus, customers != null ? customers : Math.max(1, orders / 40), target,
                    json, seed, Duration.ofSeconds(deadline), redrive);
        } catch (IllegalArgumentException e) {
            throw Main.usage(spec, e.getMessage());
        }
        LoadRun run = new LoadRun(options, System.out, System.err);
        if (target != null) {
            return run.run(target);
        }
        quietRuntimeLogs();
        try (Emulator stack = MeridianStack.startForLoad(MeridianStack.defaultTemplate(), faults, System.err)) {
            return run.run(stack.baseUrl());
        }
    }

    /** Before any logger exists: the run's own output is the summary, the stack it starts stays quiet. */
    private static void quietRuntimeLogs() {
        // the run's own output is the summary: the stack's per-invocation lines and the faults' warnings would drown it
        for (String logger : List.of("invoke", "gateway", "sqs", "stream", "local", "schedule", "bus", "dev.meridian",
                "dev.meridian.common.batch", "dev.meridian.common.http")) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "off");
        }
    }
}

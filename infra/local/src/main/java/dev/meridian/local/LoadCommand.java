package dev.meridian.local;

import dev.meridian.local.chaos.ChaosSpec;
import dev.meridian.local.load.LoadRun;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code ./meridian load}: orders under load (and faults), then every invariant checked. */
final class LoadCommand implements Command {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String summary() {
        return "place N orders (with --chaos faults), wait until terminal, check every invariant; exit 1 on a violation";
    }

    @Override
    public String usage() {
        return """
                usage: ./meridian load --orders N --concurrency C [--skus K] [--customers M] [--target URL] [--json]
                                       [--chaos crash=0.1,...] [--seed N] [--deadline SECONDS] [--redrive]
                  --orders       how many orders to place
                  --concurrency  parallel clients (default 8)
                  --skus         hot skus restocked for the run (default 10)
                  --customers    customers placing the orders (default N/40, at least 1)
                  --target       base URL of a running ./meridian local (e.g. http://127.0.0.1:3000); without it the
                                 command starts its own stack (FunctionTimeout=2, QueueVisibilityTimeout=2)
                  --chaos        faults for the stack it starts (as ./meridian local --chaos); with --target, start
                                 the target with --chaos instead
                  --seed         the seed of the order mix and of the faults (default 1)
                  --deadline     seconds to wait for every order to become terminal (default 300)
                  --redrive      when orders wait in DLQs, move the messages back (POST /_local/redrive) and wait
                                 again, up to 3 rounds, before checking
                  --json         print the summary as JSON""";
    }

    @Override
    public int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("json", "redrive"), Set.of("orders", "concurrency", "skus", "customers", "target", "json",
                "chaos", "seed", "deadline", "redrive"));
        int orders = args.integer("orders", -1);
        if (orders < 1) {
            throw new Args.UsageException("--orders N is required (N >= 1)");
        }
        long seed = args.longValue("seed", 1);
        String target = args.get("target", null);
        ChaosSpec chaos = null;
        String chaosFlag = args.get("chaos", null);
        if (chaosFlag != null) {
            if (target != null) {
                throw new Args.UsageException("--chaos applies to the stack load starts; start the target with ./meridian local --chaos");
            }
            try {
                chaos = ChaosSpec.parse(chaosFlag, seed);
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException(e.getMessage());
            }
        }
        LoadRun.Options options;
        try {
            options = new LoadRun.Options(orders, args.integer("concurrency", 8), args.integer("skus", 10),
                    args.integer("customers", Math.max(1, orders / 40)), target, args.flag("json"), chaos, seed,
                    Duration.ofSeconds(args.integer("deadline", 300)), null, args.flag("redrive"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        if (target == null) {
            LoadRun.quietRuntimeLogs();
        }
        return new LoadRun(options, System.out, System.err).run();
    }
}

package dev.meridian.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ./meridian bench} is run by the launcher script (infra/bench/run-bench.sh), not by this JVM: listed for the help. */
@Command(name = "bench", description = "benchmarks: cold-start proxy, warm latency, artifact sizes, local start-up (docs/benchmarks.md)")
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("meridian bench: run it through the launcher, ./meridian bench (it builds and runs infra/bench)");
        return 2;
    }
}

package dev.meridian.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.bench.engine.EngineBench;
import dev.meridian.bench.engine.EngineFigures;
import dev.meridian.bench.engine.EngineReport;
import dev.meridian.common.json.Json;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;


/**
 * {@code ./meridian bench [--json]}: (a) cold-start proxy per function against a
 * hello-world JVM and a minimal plain-Java handler, (b) warm handler latency against the
 * raw SDK calls it makes, (d) artifact sizes. Figures are benchmarks, not tests: the run
 * reports how they compare with the targets and always exits 0 when it completes.
 *
 * <p>Options: {@code --json}, {@code --runs N} (cold starts per variant, default 3),
 * {@code --warm N} (measured warm iterations per handler and client, default 200, as many
 * warm-up), {@code --only TEXT} (functions whose id contains TEXT), {@code --no-cold},
 * {@code --no-warm}, {@code --no-cds} (skip the AppCDS variant, which runs by default; {@code --cds} is accepted), {@code --no-prime}, {@code --url-connection-only},
 * {@code --before DIR} (also cold-start each function with Meridian's jars from another built
 * checkout, e.g. the commit before a change, in the same interleaved rounds); (f) the DynamoDB
 * engine: {@code --only-engine} (that section alone), {@code --no-engine}, {@code --engine-items N}
 * (preloaded items, default 1,000,000), {@code --engine-seconds N} (per measured phase, default 10).
 */
public final class BenchMain {

    static final double COLD_VS_PLAIN = 1.2;
    static final double COLD_VS_HELLO = 10.0;
    static final double WARM_P50_RATIO = 1.2;
    static final double WARM_P99_MS = 10.0;

    /** Parsed command line. */
    record Options(boolean json, int runs, int warm, String only, boolean cold, boolean warmOn, boolean cds, boolean prime,
                   boolean apache, String before, boolean local, boolean engine, boolean engineOnly, int engineItems,
                   int engineSeconds) {

        static Options parse(String[] args) {
            boolean json = false;
            int runs = 3;
            int warm = 200;
            String only = null;
            boolean cold = true;
            boolean warmOn = true;
            boolean cds = true;
            boolean prime = true;
            boolean apache = true;
            String before = null;
            boolean local = true;
            boolean engine = true;
            boolean engineOnly = false;
            int engineItems = 1_000_000;
            int engineSeconds = 10;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--json" -> json = true;
                    case "--runs" -> runs = positive(args, ++i);
                    case "--warm" -> warm = positive(args, ++i);
                    case "--only" -> only = value(args, ++i);
                    case "--no-cold" -> cold = false;
                    case "--no-warm" -> warmOn = false;
                    case "--cds" -> cds = true;
                    case "--no-cds" -> cds = false;
                    case "--no-prime" -> prime = false;
                    case "--url-connection-only" -> apache = false;
                    case "--before" -> before = value(args, ++i);
                    case "--no-local" -> local = false;
                    case "--no-engine" -> engine = false;
                    case "--only-engine" -> engineOnly = true;
                    case "--engine-items" -> engineItems = positive(args, ++i);
                    case "--engine-seconds" -> engineSeconds = positive(args, ++i);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (options: --json --runs N --warm N --only TEXT --no-cold --no-warm --cds --no-cds --no-prime --url-connection-only --before DIR --no-local --no-engine --only-engine --engine-items N --engine-seconds N)");
                }
            }
            if (engineOnly && !engine) {
                throw new IllegalArgumentException("--only-engine and --no-engine exclude each other");
            }
            if (engineOnly) {
                return new Options(json, runs, warm, only, false, false, cds, prime, apache, before, false, true, true, engineItems, engineSeconds);
            }
            return new Options(json, runs, warm, only, cold, warmOn, cds, prime, apache, before, local && only == null, engine && only == null,
                    false, engineItems, engineSeconds);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static int positive(String[] args, int i) {
            int n = Integer.parseInt(value(args, i));
            if (n < 1) {
                throw new IllegalArgumentException(args[i - 1] + " must be at least 1");
            }
            return n;
        }
    }

    private BenchMain() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception | Error e) {
            System.err.println("meridian bench failed: " + e);
            e.printStackTrace();
            // the engine's and stubs' threads would keep the JVM alive
            System.exit(1);
        }
    }

    static void run(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("meridian bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        // keep stdout for the report (and --json clean): progress and library output go to stderr
        PrintStream stdout = System.out;
        System.setOut(System.err);
        Path target = Path.of(System.getProperty("meridian.bench.target", "infra/bench/target")).toAbsolutePath().normalize();
        Sizes.Layout layout = Sizes.layout(target);

        List<Targets.Target> targets = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Targets.Target t : Targets.ALL) {
            if (options.only() != null && !t.function().contains(options.only())) {
                continue;
            }
            try {
                Class.forName(t.handlerClass(), false, BenchMain.class.getClassLoader());
                targets.add(t);
            } catch (ClassNotFoundException e) {
                skipped.add(t.function() + " (" + t.handlerClass() + " not on the classpath)");
            }
        }

        long started = System.nanoTime();
        EngineFigures.Result engine = null;
        if (options.engine()) {
            // first: before the warm section switches the functions' HTTP client, while the JVM holds nothing else
            System.err.printf("  (f) DynamoDB engine: %,d items, 16 threads, %d s per measured phase ...%n", options.engineItems(), options.engineSeconds());
            // warm-up twice a measured phase: both JVMs start cold and the JIT would otherwise be measured
            engine = EngineBench.run(options.engineItems(), 16, Duration.ofSeconds(2L * options.engineSeconds()),
                    Duration.ofSeconds(options.engineSeconds()));
        }
        if (!options.engineOnly()) {
            System.err.println("meridian bench: starting the DynamoDB engine and seeding ...");
        }
        List<ColdStartBench.Result> cold = List.of();
        List<WarmBench.Result> warm = List.of();
        List<String> primingEffects = null;
        try (World world = options.engineOnly() ? null : World.start()) {
            if (options.prime() && world != null) {
                primingEffects = world.primingSideEffects(targets);
                System.err.println("  priming side effects: " + (primingEffects.isEmpty() ? "none" : primingEffects));
            }
            if (options.warmOn()) {
                List<WarmBench.Client> clients = options.apache()
                        ? List.of(WarmBench.Client.APACHE, WarmBench.Client.URL_CONNECTION)
                        : List.of(WarmBench.Client.URL_CONNECTION);
                warm = new WarmBench(world).run(targets, clients, options.warm());
            }
            if (options.cold()) {
                Sizes.Layout before = options.before() == null ? null
                        : layout.withMeridianJarsFrom(target.getParent().getParent().getParent(), Path.of(options.before()).toAbsolutePath().normalize());
                cold = new ColdStartBench(world, layout, before, target.resolve("bench-work"))
                        .run(targets, options.runs(), options.prime(), options.cds());
            }
        }
        SagaThroughputBench.Result saga = null;
        if (options.local()) {
            System.err.println("  saga throughput: 100 orders to warm up, then 300 measured, concurrency 16, on a local stack ...");
            saga = SagaThroughputBench.run(target.getParent().getParent().getParent(), 100, 300, 16);
        }
        LocalStartBench.Result localStart = null;
        if (options.local()) {
            System.err.println("  local runtime start-up: " + options.runs() + " fresh JVMs of ./meridian local ...");
            localStart = LocalStartBench.run(target.getParent().getParent().getParent(), options.runs());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (options.json()) {
            // stdout carries the JSON alone; the table goes with the progress lines to stderr
            if (!options.engineOnly()) {
                printTables(System.err, options, layout, cold, warm, skipped, primingEffects, seconds);
            }
            LocalReports.printSaga(System.err, saga);
            LocalReports.printLocalStart(System.err, localStart);
            EngineReport.print(System.err, engine);
            ObjectNode root = json(options, layout, cold, warm, skipped, primingEffects, seconds);
            LocalReports.json(root, saga, localStart);
            EngineReport.json(root, engine);
            stdout.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            if (options.engineOnly()) {
                stdout.printf("Meridian bench — %s, Java %s, %d CPUs; %.0f s%n", Instant.now(), System.getProperty("java.version"),
                        Runtime.getRuntime().availableProcessors(), seconds);
            } else {
                printTables(stdout, options, layout, cold, warm, skipped, primingEffects, seconds);
            }
            LocalReports.printSaga(stdout, saga);
            LocalReports.printLocalStart(stdout, localStart);
            EngineReport.print(stdout, engine);
        }
        stdout.flush();
        System.exit(0);
    }

    // ---------------------------------------------------------------- text

    static void printTables(PrintStream out, Options options, Sizes.Layout layout, List<ColdStartBench.Result> cold,
                            List<WarmBench.Result> warm, List<String> skipped, List<String> primingEffects, double seconds) {
        out.printf("Meridian bench — %s, Java %s, %d CPUs; %.0f s%n", Instant.now(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), seconds);
        skipped.forEach(s -> out.println("skipped: " + s));
        if (primingEffects != null) {
            out.println("SnapStart primers of all handlers, run in process: side effects "
                    + (primingEffects.isEmpty() ? "none (item counts of every table unchanged, no event put on the bus)" : primingEffects));
        }
        if (!cold.isEmpty()) {
            out.printf("%n(a) Cold-start proxy: process spawn of a fresh JVM (%s) to its first response, median of %d, interleaved;"
                    + " ratios of that (\"cold ms\"); \"JVM→resp\" leaves out the JVM's own boot%n",
                    String.join(" ", ColdStartBench.LAMBDA_FLAGS), options.runs());
            for (boolean cds : List.of(false, true)) {
                List<ColdStartBench.Result> rows = cold.stream().filter(r -> r.variant().cds() == cds && !r.variant().snapStart()).toList();
                // "before" rows (another checkout's jars) are listed in this table too, with their ratios
                if (rows.isEmpty()) {
                    continue;
                }
                double hello = baseline(rows, "hello");
                double plain = baseline(rows, "plain");
                // the floor: the hello-world JVM with the JDK's own archive (an AppCDS archive only slows it down)
                double floor = baseline(cold.stream().filter(r -> !r.variant().cds() && !r.variant().snapStart()).toList(), "hello");
                out.printf("%n  %s%n", cds ? "with an AppCDS archive (-XX:SharedArchiveFile, trained on all handlers)" : "default JDK CDS (-Xshare:auto)");
                out.printf("  %-48s %9s %9s %9s %9s %9s %8s %9s %9s %9s  %s%n", "variant", "cold ms", "JVM→resp", "ctor ms", "1st inv", "2nd inv",
                        "classes", "×plain", "×hello", "×floor", "targets ≤1.2×plain, ≤10×hello");
                for (ColdStartBench.Result r : rows) {
                    double vsPlain = Stats.ratio(r.coldMs(), plain);
                    double vsHello = Stats.ratio(r.coldMs(), hello);
                    String verdict = r.variant().kind().equals("function") || r.variant().kind().equals("before")
                            ? (vsPlain <= COLD_VS_PLAIN ? "ok" : "MISS") + " / " + (vsHello <= COLD_VS_HELLO ? "ok" : "MISS")
                            : "";
                    out.printf("  %-48s %9s %9s %9s %9s %9s %8.0f %9s %9s %9s  %s%n", r.variant().name(), Stats.ms(r.coldMs()), Stats.ms(r.totalMs()),
                            Stats.ms(r.constructMs()), Stats.ms(r.firstInvokeMs()), Stats.ms(r.secondInvokeMs()), r.classes(),
                            Stats.times(vsPlain), Stats.times(vsHello), Stats.times(Stats.ratio(r.coldMs(), floor)), verdict);
                }
            }
            List<ColdStartBench.Result> primed = cold.stream().filter(r -> r.variant().snapStart()).toList();
            if (!primed.isEmpty()) {
                out.printf("%n  SnapStart priming (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start; the probe runs the CRaC beforeCheckpoint primers after construction)%n");
                out.printf("  %-34s %14s %14s %12s %16s%n", "function", "1st inv, plain", "1st inv, primed", "prime ms", "1st inv ratio");
                for (ColdStartBench.Result p : primed) {
                    ColdStartBench.Result plainRun = cold.stream().filter(r -> !r.variant().cds() && !r.variant().snapStart()
                            && p.variant().function().equals(r.variant().function())).findFirst().orElse(null);
                    double before = plainRun == null ? Double.NaN : plainRun.firstInvokeMs();
                    out.printf("  %-34s %14s %14s %12s %16s%n", p.variant().function(), Stats.ms(before), Stats.ms(p.firstInvokeMs()),
                            Stats.ms(p.primeMs()), Stats.times(Stats.ratio(p.firstInvokeMs(), before)));
                }
            }
        }
        if (!warm.isEmpty()) {
            out.printf("%n(b) Warm, in process against the DynamoDB engine (EventBridge: loopback stub); %d iterations after as many warm-up%n",
                    warm.get(0).iterations());
            out.printf("  %-28s %-27s %8s %8s %8s %8s %8s  %-28s %s%n", "function", "client", "h p50", "h p99", "raw p50", "raw p99",
                    "p50 ×raw", "calls per invocation", "targets p50 ≤1.2×raw, p99 ≤10 ms");
            for (WarmBench.Result r : warm) {
                String verdict = (r.ratioP50() <= WARM_P50_RATIO ? "ok" : "MISS") + " / " + (r.handlerP99() <= WARM_P99_MS ? "ok" : "MISS");
                out.printf("  %-28s %-27s %8.2f %8.2f %8.2f %8.2f %8s  %-28s %s%n", r.function(), r.client().label,
                        r.handlerP50(), r.handlerP99(), r.rawP50(), r.rawP99(), Stats.times(r.ratioP50()),
                        String.join("+", r.handlerCalls()) + (r.callsMatch() ? "" : " ≠ raw " + String.join("+", r.rawCalls())), verdict);
            }
        }
        out.printf("%n(d) Artifact sizes%n");
        layout.functionJars().forEach((name, path) -> out.printf("  %-28s %10s  %s%n", name, kb(Sizes.size(path)), path.getFileName()));
        out.printf("  %-28s %10s  %d jars (meridian-common + runtime dependencies)%n", "layer (java/lib)", kb(layout.layerBytes()), layout.layer().size());
        out.println();
        out.println("Noise: figures move with the machine's load; compare ratios measured in the same run, not absolute times.");
    }

    private static double baseline(List<ColdStartBench.Result> rows, String kind) {
        return rows.stream().filter(r -> r.variant().kind().equals(kind)).mapToDouble(ColdStartBench.Result::coldMs).findFirst().orElse(Double.NaN);
    }

    private static String kb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,.1f kB", bytes / 1024.0);
    }

    // ---------------------------------------------------------------- json

    static ObjectNode json(Options options, Sizes.Layout layout, List<ColdStartBench.Result> cold, List<WarmBench.Result> warm,
                           List<String> skipped, List<String> primingEffects, double seconds) {
        ObjectNode root = Json.object();
        root.put("at", Instant.now().toString());
        root.put("java", System.getProperty("java.version"));
        root.put("cpus", Runtime.getRuntime().availableProcessors());
        root.put("seconds", Math.round(seconds));
        ObjectNode targetsNode = root.putObject("targets");
        targetsNode.put("coldVsPlainMax", COLD_VS_PLAIN);
        targetsNode.put("coldVsHelloMax", COLD_VS_HELLO);
        targetsNode.put("warmP50VsRawMax", WARM_P50_RATIO);
        targetsNode.put("warmP99MaxMs", WARM_P99_MS);
        if (primingEffects != null) {
            ArrayNode effects = root.putArray("primingSideEffects");
            primingEffects.forEach(effects::add);
        }
        ArrayNode skippedNode = root.putArray("skipped");
        skipped.forEach(skippedNode::add);

        ObjectNode coldNode = root.putObject("coldStart");
        coldNode.put("runs", options.runs());
        ArrayNode flags = coldNode.putArray("jvmFlags");
        ColdStartBench.LAMBDA_FLAGS.forEach(flags::add);
        ArrayNode variants = coldNode.putArray("variants");
        for (ColdStartBench.Result r : cold) {
            List<ColdStartBench.Result> same = cold.stream().filter(x -> x.variant().cds() == r.variant().cds() && !x.variant().snapStart()).toList();
            ObjectNode v = variants.addObject();
            v.put("variant", r.variant().name());
            v.put("kind", r.variant().kind());
            if (r.variant().function() != null) {
                v.put("function", r.variant().function());
            }
            v.put("appCds", r.variant().cds());
            v.put("snapStartPrimed", r.variant().snapStart());
            v.put("medianColdMs", r.coldMs());
            v.put("medianFromJvmStartMs", r.totalMs());
            v.put("medianConstructMs", r.constructMs());
            v.put("medianPrimeMs", r.primeMs());
            v.put("medianFirstInvokeMs", r.firstInvokeMs());
            v.put("medianSecondInvokeMs", r.secondInvokeMs());
            v.put("medianSpawnToProbeLineMs", r.wallMs());
            v.put("loadedClasses", r.classes());
            v.put("ratioToPlain", Stats.ratio(r.coldMs(), baseline(same, "plain")));
            v.put("ratioToHello", Stats.ratio(r.coldMs(), baseline(same, "hello")));
            v.put("ratioToHelloFloor", Stats.ratio(r.coldMs(),
                    baseline(cold.stream().filter(x -> !x.variant().cds() && !x.variant().snapStart()).toList(), "hello")));
            ArrayNode colds = v.putArray("coldMs");
            r.colds().forEach(colds::add);
            v.put("response", r.response());
        }

        ArrayNode warmNode = root.putArray("warm");
        for (WarmBench.Result r : warm) {
            ObjectNode w = warmNode.addObject();
            w.put("function", r.function());
            w.put("client", r.client().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            w.put("iterations", r.iterations());
            w.put("handlerP50Ms", r.handlerP50());
            w.put("handlerP99Ms", r.handlerP99());
            w.put("rawP50Ms", r.rawP50());
            w.put("rawP99Ms", r.rawP99());
            w.put("p50RatioToRaw", r.ratioP50());
            w.put("callsMatch", r.callsMatch());
            ArrayNode calls = w.putArray("calls");
            r.handlerCalls().forEach(calls::add);
        }

        ObjectNode sizes = root.putObject("sizes");
        ObjectNode functions = sizes.putObject("functionJarBytes");
        layout.functionJars().forEach((name, path) -> functions.put(name, Sizes.size(path)));
        sizes.put("layerBytes", layout.layerBytes());
        ArrayNode layerJars = sizes.putArray("layerJars");
        layout.layer().forEach(p -> layerJars.addObject().put("jar", p.getFileName().toString()).put("bytes", Sizes.size(p)));
        return root;
    }

}

package dev.meridian.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * (a) The cold-start proxy: fresh JVMs with Lambda's JVM flags, one per measurement,
 * variants interleaved round by round so that load from other processes spreads over
 * all of them; medians per variant.
 */
final class ColdStartBench {

    /**
     * The flags the java21 managed runtime starts the JVM with that apply to Java 17
     * (heap as for a 512 MB function). The runtime's own agent is not here.
     */
    static final List<String> LAMBDA_FLAGS = List.of(
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
            "-Xmx445m", "-XX:+ExitOnOutOfMemoryError", "-Djava.net.preferIPv4Stack=true");

    static final String HELLO = "hello-world JVM";
    static final String PLAIN = "plain Java handler (DynamoDbClient + 1 GetItem)";
    static final String PLAIN_JACKSON = "plain handler + Jackson tree in/out (reference)";

    /** A way to start a child JVM. */
    record Variant(String name, String kind, String function, List<String> args, boolean snapStart, boolean cds, boolean before) {
        Variant(String name, String kind, String function, List<String> args, boolean snapStart, boolean cds) {
            this(name, kind, function, args, snapStart, cds, false);
        }
    }

    /**
     * The medians of one variant. {@code coldMs} is the cold start: process spawn to the first
     * response (JVM boot included), what the ratios are taken of; {@code totalMs} is the part
     * from the JVM's recorded start (RuntimeMXBean), which leaves out most of the JVM's boot.
     */
    record Result(Variant variant, int runs, double coldMs, double totalMs, double constructMs, double primeMs, double firstInvokeMs,
                  double secondInvokeMs, double wallMs, double classes, String response, List<Double> colds) {
    }

    private final World world;
    private final Sizes.Layout layout;
    private final Path workDir;
    private final Path log;
    private final Sizes.Layout before;

    /** @param before the layout of a checkout before a change (its variants are run alongside), or null */
    ColdStartBench(World world, Sizes.Layout layout, Sizes.Layout before, Path workDir) {
        this.world = world;
        this.layout = layout;
        this.before = before;
        this.workDir = workDir;
        this.log = workDir.resolve("children.log");
    }

    List<Result> run(List<Targets.Target> targets, int runs, boolean primed, boolean cds) throws IOException {
        Files.createDirectories(workDir);
        Files.deleteIfExists(log);
        Path plainEvent = write("plain.json", world.getProduct());
        List<Variant> variants = new ArrayList<>();
        List<String> training = new ArrayList<>(List.of(PlainGetItemHandler.class.getName(), plainEvent.toString(),
                PlainJacksonHandler.class.getName(), plainEvent.toString()));
        for (boolean withCds : cds ? List.of(false, true) : List.of(false)) {
            variants.add(new Variant(HELLO, "hello", null, List.of(HelloWorld.class.getName()), false, withCds));
            variants.add(new Variant(PLAIN, "plain", null,
                    List.of(ColdStartProbe.class.getName(), PlainGetItemHandler.class.getName(), plainEvent.toString()), false, withCds));
            variants.add(new Variant(PLAIN_JACKSON, "plain-jackson", null,
                    List.of(ColdStartProbe.class.getName(), PlainJacksonHandler.class.getName(), plainEvent.toString()), false, withCds));
            for (Targets.Target t : targets) {
                Path event = write(t.function() + ".json", t.event().apply(world));
                if (!withCds) {
                    training.add(t.handlerClass());
                    training.add(event.toString());
                }
                variants.add(new Variant(t.function(), "function", t.function(),
                        List.of(ColdStartProbe.class.getName(), t.handlerClass(), event.toString()), false, withCds));
                if (before != null && !withCds) {
                    variants.add(new Variant(t.function() + " (before)", "before", t.function(),
                            List.of(ColdStartProbe.class.getName(), t.handlerClass(), event.toString()), false, false, true));
                }
                if (primed && !withCds) {
                    variants.add(new Variant(t.function() + " (primed)", "primed", t.function(),
                            List.of(ColdStartProbe.class.getName(), t.handlerClass(), event.toString(), "--prime"), true, false));
                }
            }
        }
        if (cds) {
            train(training);
        }
        Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v, new ArrayList<>()));
        for (int round = 0; round < runs; round++) {
            for (int i = 0; i < variants.size(); i++) {
                // rotate the order each round: no variant always runs first or right after another
                Variant v = variants.get((i + round * 3) % variants.size());
                samples.get(v).add(spawn(v));
            }
            System.err.printf("  cold start: round %d/%d done%n", round + 1, runs);
        }
        List<Result> results = new ArrayList<>();
        samples.forEach((v, list) -> results.add(summarise(v, list)));
        return results;
    }

    /** One child: its probe line, spawn → first response, spawn → probe line. */
    private record Sample(ProbeLine line, double respondedMs, double wallMs) {
    }

    private Result summarise(Variant v, List<Sample> list) {
        List<Double> colds = list.stream().map(Sample::respondedMs).toList();
        List<Double> totals = list.stream().map(s -> s.line().millis("totalMs")).toList();
        return new Result(v, list.size(), Stats.median(colds), Stats.median(totals),
                median(list, "constructMs"), median(list, "primeMs"), median(list, "firstInvokeMs"), median(list, "secondInvokeMs"),
                Stats.median(list.stream().map(Sample::wallMs).toList()), median(list, "classes"),
                list.get(list.size() - 1).line().text("response"), colds);
    }

    private static double median(List<Sample> list, String key) {
        List<Double> values = list.stream().map(s -> s.line().millis(key)).filter(d -> !d.isNaN()).toList();
        return Stats.median(values);
    }

    private Path write(String name, byte[] event) throws IOException {
        Path path = workDir.resolve(name).toAbsolutePath();
        Files.write(path, event);
        return path;
    }

    private Path archive() {
        return workDir.resolve("meridian-bench.jsa").toAbsolutePath();
    }

    /** The AppCDS variant's archive: one training JVM that runs every handler (and the plain one) twice. */
    private void train(List<String> training) throws IOException {
        Files.deleteIfExists(archive());
        List<String> cmd = new ArrayList<>(javaCommand(false));
        cmd.add(cmd.size() - 2, "-XX:ArchiveClassesAtExit=" + archive());
        cmd.add(ColdStartProbe.class.getName());
        cmd.add("--train");
        cmd.addAll(training.subList(0, training.size()));
        long start = System.nanoTime();
        Sample s = spawn(cmd, world.childEnv(false));
        if (!Files.exists(archive())) {
            throw new IllegalStateException("AppCDS training did not write " + archive() + "; see " + log);
        }
        System.err.printf("  cold start: AppCDS archive %s (%.1f MB) trained in %.1f s (%s)%n", archive().getFileName(),
                Files.size(archive()) / 1e6, (System.nanoTime() - start) / 1e9, s.line().text("handler"));
    }

    /** java, Lambda's flags, [-XX:SharedArchiveFile], -cp, classpath (the main class and arguments follow). */
    private List<String> javaCommand(boolean cds) {
        return javaCommand(cds, layout);
    }

    private List<String> javaCommand(boolean cds, Sizes.Layout classes) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LAMBDA_FLAGS);
        // diagnostics only (e.g. -Xlog:class+load:file=/tmp/classes-%p.log); figures are taken without
        String extra = System.getenv("MERIDIAN_BENCH_CHILD_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (cds) {
            cmd.add("-XX:SharedArchiveFile=" + archive());
        }
        cmd.add("-cp");
        cmd.add(classes.childClasspath());
        return cmd;
    }

    private Sample spawn(Variant v) {
        List<String> cmd = new ArrayList<>(javaCommand(v.cds(), v.before() ? before : layout));
        cmd.addAll(v.args());
        return spawn(cmd, world.childEnv(v.snapStart()));
    }

    private Sample spawn(List<String> cmd, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            long start = System.nanoTime();
            Process process = pb.start();
            ProbeLine line = null;
            double wall = Double.NaN;
            double responded = Double.NaN;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String text;
                while ((text = out.readLine()) != null) {
                    if (text.equals(ProbeLine.RESPONDED) && Double.isNaN(responded)) {
                        responded = (System.nanoTime() - start) / 1e6;
                        continue;
                    }
                    ProbeLine parsed = ProbeLine.parse(text);
                    if (parsed != null && line == null) {
                        wall = (System.nanoTime() - start) / 1e6;
                        line = parsed;
                    }
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            if (line == null) {
                throw new IllegalStateException("child JVM printed no probe line (exit " + process.exitValue() + "): "
                        + String.join(" ", cmd.subList(cmd.size() - 3, cmd.size())) + "; see " + log);
            }
            return new Sample(line, Double.isNaN(responded) ? wall : responded, wall);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

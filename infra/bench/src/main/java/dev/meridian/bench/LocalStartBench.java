package dev.meridian.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (e) Start-up of {@code ./meridian local} on the repository's template: a fresh JVM, as the
 * launcher starts it, until the runtime reports ready (all engines up, every table, queue
 * and function created) and until the HTTP API first answers {@code GET /products}.
 */
final class LocalStartBench {

    private static final Pattern READY = Pattern.compile("ready in (\\d+) ms");

    /**
     * {@code readyMs}: what the runtime reports (from the start of its stack, inside the JVM);
     * {@code spawnToReadyMs}: from spawning the process to reading that line (JVM boot included).
     */
    record Result(List<Double> readyMs, List<Double> spawnToReadyMs, List<Double> firstAnswerMs, String error) {
        double medianSpawnToReady() {
            return spawnToReadyMs.isEmpty() ? Double.NaN : Stats.median(spawnToReadyMs);
        }

        double medianReady() {
            return readyMs.isEmpty() ? Double.NaN : Stats.median(readyMs);
        }

        double medianFirstAnswer() {
            return firstAnswerMs.isEmpty() ? Double.NaN : Stats.median(firstAnswerMs);
        }
    }

    private LocalStartBench() {
    }

    static Result run(Path root, int runs) {
        Path module = root.resolve("infra/cli/target");
        Path classpathFile = module.resolve("runtime-classpath.txt");
        if (!Files.exists(classpathFile)) {
            return new Result(List.of(), List.of(), List.of(), "infra/cli is not built (" + classpathFile + " missing)");
        }
        String classpath;
        try {
            classpath = module.resolve("classes") + java.io.File.pathSeparator + Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile, e);
        }
        List<Double> ready = new ArrayList<>();
        List<Double> spawnToReady = new ArrayList<>();
        List<Double> firstAnswer = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        for (int i = 0; i < runs; i++) {
            int port = dev.meridian.testkit.FreePorts.find();
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Dmeridian.root=" + root,
                    "-cp", classpath, "dev.meridian.cli.Main", "local", "--port", Integer.toString(port),
                    "--template", root.resolve("template.yaml").toString());
            long start = System.nanoTime();
            Process process;
            try {
                process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the local runtime", e);
            }
            try {
                Double readyAt = null;
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                {
                    String line;
                    while (readyAt == null && (line = out.readLine()) != null) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            readyAt = Double.parseDouble(m.group(1));
                            spawnToReady.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                    if (readyAt == null) {
                        return new Result(ready, spawnToReady, firstAnswer, "the local runtime exited before it was ready (exit " + process.waitFor() + ")");
                    }
                    ready.add(readyAt);
                    // keep draining the child's output so it never blocks on a full pipe
                    Thread drain = new Thread(() -> {
                        try {
                            while (out.readLine() != null) {
                                // discard
                            }
                        } catch (IOException streamClosedAtExit) {
                            // the child is stopping: nothing more to read
                        }
                    }, "local-start-drain");
                    drain.setDaemon(true);
                    drain.start();
                    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/products")).timeout(Duration.ofSeconds(5)).build();
                    long deadline = start + Duration.ofSeconds(60).toNanos();
                    while (System.nanoTime() < deadline) {
                        try {
                            if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                                firstAnswer.add((System.nanoTime() - start) / 1e6);
                                break;
                            }
                        } catch (IOException notYet) {
                            Thread.sleep(20);
                        }
                    }
                    process.destroy();
                }
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(ready, spawnToReady, firstAnswer, "interrupted");
            } catch (IOException e) {
                throw new UncheckedIOException("lost the local runtime's output", e);
            } finally {
                process.destroyForcibly();
            }
        }
        return new Result(ready, spawnToReady, firstAnswer, null);
    }
}

package dev.meridian.dynamodb.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The engine's {@code server.Main} in a child JVM, killed with SIGKILL ({@link Process#destroyForcibly()} on Linux). */
final class ChildEngine implements AutoCloseable {

    private final Process process;
    final URI endpoint;
    private final Path stderr;

    private ChildEngine(Process process, URI endpoint, Path stderr) {
        this.process = process;
        this.endpoint = endpoint;
        this.stderr = stderr;
    }

    /** Starts {@code Main --port 0} with {@code --data-dir dataDir} (null: in memory) and waits for its endpoint line. */
    static ChildEngine start(Path dataDir, Path scratch) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.meridian.dynamodb.server.Main", "--port", "0"));
        if (dataDir != null) {
            command.add("--data-dir");
            command.add(dataDir.toString());
        }
        Path err = Files.createTempFile(scratch, "child", ".stderr");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("endpoint ")) {
            p.destroyForcibly();
            throw new IOException("the child engine did not start: stdout " + line + ", stderr " + Files.readString(err));
        }
        return new ChildEngine(p, URI.create(line.substring("endpoint ".length()).trim()), err);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed beyond what the process already handed to the OS. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child engine did not die within 30 s");
        }
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** SIGTERM: the shutdown hook closes the engine (and writes its snapshot). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

package dev.meridian.bench.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.Locale;

/** Bench section (f) as text and as JSON. */
public final class EngineReport {

    private EngineReport() {
    }

    public static void print(PrintStream out, EngineFigures.Result r) {
        if (r == null) {
            return;
        }
        out.printf(Locale.ROOT, "%n(f) DynamoDB engine: engine in a child JVM (-Xmx1g), client = the functions' SDK client (AwsClients) in this JVM,"
                + " over loopback HTTP; %d threads of PutItem + GetItem (consistent)%n", r.threads());
        if (r.error() != null) {
            out.println("  not measured: " + r.error());
            return;
        }
        line(out, "empty table", r.empty());
        line(out, String.format(Locale.ROOT, "%,d items loaded", r.items()), r.loaded());
        line(out, "fresh empty table after", r.emptyAfter());
        out.printf(Locale.ROOT, "  empty table (the higher of the two, %,.0f calls/s) vs DynamoDB Local's recorded %.0f calls/s (docs/benchmarks.md; it cannot run in this build): %.1f× — target ≥ %.0f calls/s (10×) %s%n",
                r.emptyCallsPerSecond(), EngineFigures.RECORDED_BASELINE_CALLS_PER_SECOND, r.vsBaseline(), EngineFigures.EMPTY_TARGET_CALLS_PER_SECOND, r.emptyOk() ? "ok" : "MISS");
        out.printf(Locale.ROOT, "  loaded / empty, same run: %.2f× — target ≥ %.1f× %s (per engine CPU-second, loaded / fresh empty: %.2f×)%n",
                r.loadedRatio(), EngineFigures.LOADED_RATIO_TARGET, r.loadedOk() ? "ok" : "MISS",
                r.loaded().callsPerEngineCpuSecond() / r.emptyAfter().callsPerEngineCpuSecond());
        out.printf(Locale.ROOT, "  heap of the engine process: %,.0f MB used after GC before the preload, %,.0f MB after %,d items of %d bytes"
                        + " (preloaded in %.1f s through the engine's in-process write path, not over HTTP): +%,.0f MB — target ≤ 1,024 MB %s%n",
                mb(r.heapBeforeBytes()), mb(r.heapAfterBytes()), r.items(), r.itemBytes(), r.preloadSeconds(), mb(r.heapGrowthBytes()),
                r.heapOk() ? "ok" : "MISS");
        out.println("  2 cores are shared by client, engine and the machine's other work: calls/s is bounded by all three; CPU µs per call shows which side costs more");
    }

    private static void line(PrintStream out, String label, EngineFigures.Phase p) {
        out.printf(Locale.ROOT, "  %-22s %,8.0f calls/s  p50 %.2f ms  p99 %.2f ms  |  %,6.0f calls per CPU-second (client + engine);"
                        + " CPU per call: client %.0f µs, engine %.0f µs (engine %.0f%%; %,.0f calls per engine CPU-second)%n",
                label, p.callsPerSecond(), p.p50Ms(), p.p99Ms(), p.callsPerCpuSecond(), p.clientMicrosPerCall(), p.engineMicrosPerCall(),
                100 * p.engineShare(), p.callsPerEngineCpuSecond());
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    public static void json(ObjectNode root, EngineFigures.Result r) {
        if (r == null) {
            return;
        }
        ObjectNode f = root.putObject("dynamodbEngine");
        f.put("threads", r.threads());
        f.put("items", r.items());
        if (r.error() != null) {
            f.put("error", r.error());
            return;
        }
        f.put("itemBytes", r.itemBytes());
        phase(f.putObject("emptyTable"), r.empty());
        phase(f.putObject("loadedTable"), r.loaded());
        phase(f.putObject("freshEmptyTableAfter"), r.emptyAfter());
        f.put("emptyCallsPerSecond", r.emptyCallsPerSecond());
        f.put("recordedDynamoDbLocalCallsPerSecond", EngineFigures.RECORDED_BASELINE_CALLS_PER_SECOND);
        f.put("ratioToRecordedDynamoDbLocal", r.vsBaseline());
        f.put("emptyTargetMet", r.emptyOk());
        f.put("loadedToEmptyRatio", r.loadedRatio());
        f.put("loadedTargetMet", r.loadedOk());
        f.put("preloadSeconds", r.preloadSeconds());
        f.put("preloadPath", "in-process write path");
        f.put("heapUsedBeforeBytes", r.heapBeforeBytes());
        f.put("heapUsedAfterBytes", r.heapAfterBytes());
        f.put("heapGrowthBytes", r.heapGrowthBytes());
        f.put("heapTargetMet", r.heapOk());
    }

    private static void phase(ObjectNode n, EngineFigures.Phase p) {
        n.put("calls", p.calls());
        n.put("seconds", p.seconds());
        n.put("callsPerSecond", p.callsPerSecond());
        n.put("p50Ms", p.p50Ms());
        n.put("p99Ms", p.p99Ms());
        n.put("clientCpuSeconds", p.clientCpuSeconds());
        n.put("engineCpuSeconds", p.engineCpuSeconds());
        n.put("callsPerCpuSecond", p.callsPerCpuSecond());
        n.put("callsPerEngineCpuSecond", p.callsPerEngineCpuSecond());
    }
}

package dev.meridian.bench.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** The computations of bench section (f): figures of one measured phase, ratios, targets, /proc CPU times. */
public final class EngineFigures {

    /** DynamoDB Local's recorded raw PutItem+GetItem rate on this machine (docs/benchmarks.md, run G: 499 calls/s). */
    public static final double RECORDED_BASELINE_CALLS_PER_SECOND = 500;
    public static final double EMPTY_TARGET_CALLS_PER_SECOND = 10 * RECORDED_BASELINE_CALLS_PER_SECOND;
    public static final double LOADED_RATIO_TARGET = 0.8;
    public static final long HEAP_TARGET_BYTES = 1L << 30;
    /** Linux's USER_HZ, the unit of utime/stime in /proc/PID/stat (100 on every mainstream kernel build). */
    static final double CLOCK_TICKS_PER_SECOND = 100;

    private EngineFigures() {
    }

    /** One measured phase: calls, wall time, per-call latency percentiles, CPU of the client process and the engine process. */
    public record Phase(long calls, double seconds, double p50Ms, double p99Ms, double clientCpuSeconds, double engineCpuSeconds) {

        public double callsPerSecond() {
            return seconds <= 0 ? Double.NaN : calls / seconds;
        }

        /** Calls per CPU-second of client and engine together. */
        public double callsPerCpuSecond() {
            double cpu = clientCpuSeconds + engineCpuSeconds;
            return cpu <= 0 ? Double.NaN : calls / cpu;
        }

        /** The engine's CPU per call, µs (NaN without an engine figure). */
        public double engineMicrosPerCall() {
            return calls == 0 || engineCpuSeconds <= 0 ? Double.NaN : engineCpuSeconds * 1e6 / calls;
        }

        /** Calls per CPU-second of the engine process alone: what the engine could serve with a core to itself. */
        public double callsPerEngineCpuSecond() {
            return engineCpuSeconds <= 0 ? Double.NaN : calls / engineCpuSeconds;
        }

        public double clientMicrosPerCall() {
            return calls == 0 || clientCpuSeconds <= 0 ? Double.NaN : clientCpuSeconds * 1e6 / calls;
        }

        /** Share of the CPU the engine used, of client and engine together. */
        public double engineShare() {
            double cpu = clientCpuSeconds + engineCpuSeconds;
            return cpu <= 0 || engineCpuSeconds < 0 ? Double.NaN : engineCpuSeconds / cpu;
        }
    }

    /**
     * The whole section: an empty table before the preload and a fresh one after it (the JVMs
     * still warm up during the first), the loaded table, the preload, the heap before and
     * after it; or an error. The empty-table capacity is the higher of the two empty phases,
     * so the loaded ratio is taken against the best the engine did.
     */
    public record Result(int threads, int items, int itemBytes, Phase empty, Phase loaded, Phase emptyAfter, double preloadSeconds,
                         long heapBeforeBytes, long heapAfterBytes, String error) {

        public static Result failed(int threads, int items, String error) {
            return new Result(threads, items, 0, null, null, null, 0, 0, 0, error);
        }

        /** The empty-table capacity: the higher calls/s of the empty phases. */
        public double emptyCallsPerSecond() {
            if (empty == null) {
                return Double.NaN;
            }
            return emptyAfter == null ? empty.callsPerSecond() : Math.max(empty.callsPerSecond(), emptyAfter.callsPerSecond());
        }

        public double loadedRatio() {
            return loaded == null ? Double.NaN : loaded.callsPerSecond() / emptyCallsPerSecond();
        }

        public double vsBaseline() {
            return emptyCallsPerSecond() / RECORDED_BASELINE_CALLS_PER_SECOND;
        }

        public long heapGrowthBytes() {
            return heapAfterBytes - heapBeforeBytes;
        }

        public boolean emptyOk() {
            return emptyCallsPerSecond() >= EMPTY_TARGET_CALLS_PER_SECOND;
        }

        public boolean loadedOk() {
            return loadedRatio() >= LOADED_RATIO_TARGET;
        }

        public boolean heapOk() {
            return error == null && heapGrowthBytes() <= HEAP_TARGET_BYTES;
        }
    }

    /**
     * User plus system CPU seconds from the text of {@code /proc/PID/stat}: fields 14 and 15,
     * counted after the parenthesised command name (which may itself hold spaces and parentheses).
     */
    public static double cpuSecondsFromStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line (no ')'): " + stat);
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // after ')' the first field is field 3 (state): utime is field 14, stime 15
        if (fields.length < 13) {
            throw new IllegalArgumentException("a /proc/PID/stat line with too few fields (" + fields.length + " after the name)");
        }
        try {
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS_PER_SECOND;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime/stime are not numbers in /proc/PID/stat: " + fields[11] + " " + fields[12], e);
        }
    }

    /** CPU seconds of process {@code pid} so far, or NaN where /proc is not there (not Linux). */
    static double processCpuSeconds(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            return Files.exists(stat) ? cpuSecondsFromStat(Files.readString(stat)) : Double.NaN;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + stat, e);
        }
    }
}

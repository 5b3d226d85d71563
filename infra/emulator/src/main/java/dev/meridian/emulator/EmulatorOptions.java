package dev.meridian.emulator;

import dev.meridian.emulator.chaos.ChaosSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run a template locally.
 *
 * @param template   the SAM template (the builder's default: {@code template.yaml} in the working directory)
 * @param port       the HTTP gateway's port on 127.0.0.1; 0 picks a free one (tests)
 * @param dataDir    where DynamoDB data and the issuer key persist; null keeps everything in memory
 * @param parameters template parameter overrides ({@code --param Name=Value})
 * @param chaos      faults to inject into the functions' calls ({@code --chaos}, {@code --seed}); null: none
 * @param functionConcurrency how many execution environments each function may run at once
 *                   ({@code --function-concurrency}), for functions without ReservedConcurrentExecutions;
 *                   null: {@link #DEFAULT_FUNCTION_CONCURRENCY}, Lambda's default account quota
 * @param extension  what the embedding program adds (views, slow tables, dead-letter ids); {@link StackExtension#NONE} if null
 * @param shared     in a multi-region run, the engine and issuer this region shares with the others; null: its own
 */
public record EmulatorOptions(Path template, int port, Path dataDir, Map<String, String> parameters, String region,
                              String stackName, ChaosSpec chaos, Integer functionConcurrency, StackExtension extension,
                              SharedServices shared) {

    public static final int DEFAULT_PORT = 3000;
    /** Lambda's default concurrency quota per account and region, shared by the functions without a reservation. */
    public static final int DEFAULT_FUNCTION_CONCURRENCY = 1000;

    public EmulatorOptions {
        if (template == null) {
            throw new IllegalArgumentException("template is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region is required");
        }
        if (stackName == null || stackName.isBlank()) {
            throw new IllegalArgumentException("stackName is required");
        }
        if (functionConcurrency != null && functionConcurrency < 1) {
            throw new IllegalArgumentException("function concurrency must be at least 1, was " + functionConcurrency);
        }
        parameters = Map.copyOf(parameters == null ? Map.of() : parameters);
        extension = extension == null ? StackExtension.NONE : extension;
        if (shared != null && (dataDir != null || chaos != null)) {
            throw new IllegalArgumentException("a region sharing its engine keeps its data in memory and runs without chaos"
                    + " (data directory and fault injection are single-region only)");
        }
    }

    /**
     * These options for one region of a multi-region run: its region, its port, what it shares,
     * and the region's own parameter defaults (these options' parameters override them).
     */
    public EmulatorOptions forRegion(String region, int port, SharedServices shared, Map<String, String> regionParameters) {
        Map<String, String> merged = new LinkedHashMap<>(regionParameters);
        merged.putAll(parameters);
        return new EmulatorOptions(template, port, dataDir, merged, region, stackName, chaos, functionConcurrency, extension, shared);
    }

    /** Concurrent execution environments a function may have: its ReservedConcurrentExecutions, else this run's limit. */
    public int concurrencyOf(Integer reservedConcurrency) {
        if (reservedConcurrency != null) {
            return reservedConcurrency;
        }
        return functionConcurrency != null ? functionConcurrency : DEFAULT_FUNCTION_CONCURRENCY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Path template;
        private int port = DEFAULT_PORT;
        private Path dataDir;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private String region = "us-east-1";
        private String stackName = "local";
        private ChaosSpec chaos;
        private Integer functionConcurrency;
        private StackExtension extension;

        public Builder template(Path template) {
            this.template = template;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A free port: what tests want. */
        public Builder anyFreePort() {
            this.port = 0;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder stackName(String stackName) {
            this.stackName = stackName;
            return this;
        }

        /** Fault injection ({@code --chaos}); null for none. */
        public Builder chaos(ChaosSpec chaos) {
            this.chaos = chaos;
            return this;
        }

        /** At most this many concurrent execution environments per function without ReservedConcurrentExecutions. */
        public Builder functionConcurrency(int functionConcurrency) {
            this.functionConcurrency = functionConcurrency;
            return this;
        }

        /** What the embedding program adds to the stack. */
        public Builder extension(StackExtension extension) {
            this.extension = extension;
            return this;
        }

        public EmulatorOptions build() {
            return new EmulatorOptions(template != null ? template : Path.of("template.yaml"), port, dataDir, parameters, region, stackName, chaos,
                    functionConcurrency, extension, null);
        }
    }
}

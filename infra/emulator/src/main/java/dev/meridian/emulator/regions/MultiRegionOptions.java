package dev.meridian.emulator.regions;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * How to run a template in several regions at once.
 *
 * @param regions the regions, the first the primary; region i serves its API on {@code port + i}
 * @param port    the first region's port; the front door listens on {@code port + }{@value #FRONT_DOOR_OFFSET};
 *                0 picks free ports for every region and the front door (tests)
 * @param lag     how late a replicated write arrives; null: the engine's default
 * @param jitter  per-item spread around the lag; null: none
 * @param regionParameters each region's template parameter defaults, given the region and every region of the run
 *                (how the embedding program tells a template that, locally, each region's stack owns its replicas);
 *                null: none
 */
public record MultiRegionOptions(List<String> regions, int port, Duration lag, Duration jitter,
                                 BiFunction<String, List<String>, Map<String, String>> regionParameters) {

    public static final int FRONT_DOOR_OFFSET = 100;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public MultiRegionOptions {
        if (regions == null || regions.size() < 2) {
            throw new IllegalArgumentException("--regions needs at least two regions, comma-separated (e.g. us-east-1,eu-west-1), got "
                    + regions);
        }
        regions = List.copyOf(regions);
        for (String r : regions) {
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("'" + r + "' is not a region name (like us-east-1)");
            }
        }
        if (new HashSet<>(regions).size() != regions.size()) {
            throw new IllegalArgumentException("--regions names a region twice: " + String.join(",", regions));
        }
        if (port < 0 || (port > 0 && port + FRONT_DOOR_OFFSET > 65_535) || port > 65_535) {
            throw new IllegalArgumentException("port must leave room for the front door (port + " + FRONT_DOOR_OFFSET
                    + " <= 65535), was " + port);
        }
        if (lag != null && lag.isNegative()) {
            throw new IllegalArgumentException("replication lag must not be negative, was " + lag.toMillis() + " ms");
        }
        if (jitter != null && jitter.isNegative()) {
            throw new IllegalArgumentException("replication jitter must not be negative, was " + jitter.toMillis() + " ms");
        }
        if (jitter != null && !jitter.isZero() && lag == null) {
            throw new IllegalArgumentException("replication jitter needs a lag (--replication-lag-ms)");
        }
        regionParameters = regionParameters == null ? (region, all) -> Map.of() : regionParameters;
    }

    public MultiRegionOptions(List<String> regions, int port, Duration lag, Duration jitter) {
        this(regions, port, lag, jitter, null);
    }
}

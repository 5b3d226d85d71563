package dev.meridian.bench;

import java.util.Arrays;
import java.util.List;

/** Small statistics over latency samples: nearest-rank percentiles, medians, ratios. */
public final class Stats {

    private Stats() {
    }

    /** The nearest-rank percentile {@code p} (0 < p ≤ 100) of {@code samples}; NaN when empty. */
    public static double percentile(double[] samples, double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The median (mean of the two middle values for an even count); NaN when empty. */
    public static double median(List<Double> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** {@code a / b}, NaN when either is missing or b is not positive. */
    public static double ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b <= 0) {
            return Double.NaN;
        }
        return a / b;
    }

    /** One decimal for milliseconds, two for ratios; "-" for NaN. */
    public static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    public static String times(double value) {
        return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%.2f×", value);
    }
}

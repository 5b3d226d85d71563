package dev.meridian.bench;

import org.HdrHistogram.Histogram;

import java.util.List;

/** Small statistics over latency samples: percentiles (HdrHistogram), medians, ratios. */
public final class Stats {

    private Stats() {
    }

    /** A latency histogram of nanoseconds: HdrHistogram, 3 significant digits (at most 0.1 % error), auto-resizing. */
    public static Histogram nanos() {
        return new Histogram(3);
    }

    /** The percentile {@code p} (0 < p ≤ 100) of a nanosecond histogram, in milliseconds; NaN when empty. */
    public static double percentileMs(Histogram nanos, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (nanos.getTotalCount() == 0) {
            return Double.NaN;
        }
        return nanos.getValueAtPercentile(p) / 1e6;
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

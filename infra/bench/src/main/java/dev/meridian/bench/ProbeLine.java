package dev.meridian.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one line a cold-start probe prints: {@code MERIDIAN-PROBE key=value key=value ...},
 * values without spaces. Millisecond values are decimals.
 */
public record ProbeLine(Map<String, String> values) {

    public static final String PREFIX = "MERIDIAN-PROBE";

    /**
     * The line a child prints, and flushes, the moment its first response is complete: the
     * parent reads the cold-start time (process spawn to first response) off its arrival.
     */
    public static final String RESPONDED = "MERIDIAN-PROBE-RESPONDED";

    public static String format(Map<String, ?> values) {
        StringBuilder line = new StringBuilder(PREFIX);
        values.forEach((k, v) -> {
            String text = String.valueOf(v);
            if (k.isEmpty() || k.contains("=") || k.contains(" ") || text.contains(" ")) {
                throw new IllegalArgumentException("probe keys and values must not contain spaces: " + k + "=" + text);
            }
            line.append(' ').append(k).append('=').append(text);
        });
        return line.toString();
    }

    /** Parses a probe line; null when {@code line} is not one (other output of the child). */
    public static ProbeLine parse(String line) {
        if (line == null || !line.startsWith(PREFIX + " ")) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : line.substring(PREFIX.length() + 1).trim().split(" +")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed probe field '" + part + "' in: " + line);
            }
            values.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return new ProbeLine(values);
    }

    public double millis(String key) {
        String value = values.get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    public String text(String key) {
        return values.get(key);
    }
}

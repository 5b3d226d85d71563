package dev.meridian.emulator.chaos;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code --chaos crash=0.1,duplicate=0.1,...} asks for: a probability per fault, a seed,
 * how long a slow-table call waits, and the name each fault goes by on the command line.
 *
 * @param rates          probability of each fault per opportunity (a write, a delivered message, a call); absent = 0
 * @param seed           the random generator's seed: the same seed draws the same sequence of decisions
 * @param slowTableMillis the delay of a slow-table call ({@code <slow-table name>-ms}, default 1500)
 * @param names          each fault's command-line name: {@link Fault#flag()} unless the embedding program renames it
 */
public record ChaosSpec(Map<Fault, Double> rates, long seed, long slowTableMillis, Map<Fault, String> names) {

    public static final long DEFAULT_SLOW_TABLE_MILLIS = 1500;

    public ChaosSpec {
        EnumMap<Fault, String> allNames = new EnumMap<>(Fault.class);
        for (Fault f : Fault.values()) {
            allNames.put(f, names == null ? f.flag() : names.getOrDefault(f, f.flag()));
        }
        names = Map.copyOf(allNames);
        EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
        for (Map.Entry<Fault, Double> e : rates.entrySet()) {
            Double p = e.getValue();
            if (p == null || p.isNaN() || p < 0 || p > 1) {
                throw new IllegalArgumentException("--chaos " + names.get(e.getKey()) + " must be a probability between 0 and 1, was " + p);
            }
            copy.put(e.getKey(), p);
        }
        rates = Map.copyOf(copy);
        if (slowTableMillis < 0) {
            throw new IllegalArgumentException(names.get(Fault.SLOW_TABLE) + "-ms must not be negative");
        }
    }

    /** With the faults' own names. */
    public ChaosSpec(Map<Fault, Double> rates, long seed, long slowTableMillis) {
        this(rates, seed, slowTableMillis, null);
    }

    /** {@link #parse(String, long, Map)} with the faults' own names. */
    public static ChaosSpec parse(String text, long seed) {
        return parse(text, seed, Map.of());
    }

    /**
     * Parses {@code name=probability[,name=probability...]}, names as in {@link Fault#flag()} or as
     * {@code renamed} gives them, plus {@code <slow-table name>-ms=N}.
     *
     * @param renamed the command-line names an embedding program gives faults (e.g. a slow table named for what it holds)
     * @throws IllegalArgumentException naming the bad entry
     */
    public static ChaosSpec parse(String text, long seed, Map<Fault, String> renamed) {
        Map<Fault, String> names = new ChaosSpec(Map.of(), seed, DEFAULT_SLOW_TABLE_MILLIS, renamed).names();
        String delayName = names.get(Fault.SLOW_TABLE) + "-ms";
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        long slowMillis = DEFAULT_SLOW_TABLE_MILLIS;
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--chaos needs name=probability pairs, e.g. crash=0.1,duplicate=0.1 (faults: "
                    + flags(names) + ")");
        }
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--chaos entry '" + entry + "' must be name=probability (faults: " + flags(names) + ")");
            }
            String name = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (name.equals(delayName)) {
                try {
                    slowMillis = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--chaos " + delayName + " must be an integer, was '" + value + "'");
                }
                continue;
            }
            Fault fault = names.entrySet().stream().filter(n -> n.getValue().equals(name)).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "--chaos: unknown fault '" + name + "' (faults: " + flags(names) + ", and " + delayName + ")"));
            double p;
            try {
                p = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--chaos " + name + " must be a probability between 0 and 1, was '" + value + "'");
            }
            rates.put(fault, p);
        }
        return new ChaosSpec(rates, seed, slowMillis, names);
    }

    public double rate(Fault fault) {
        return rates.getOrDefault(fault, 0.0);
    }

    /** The fault's command-line name in this spec. */
    public String name(Fault fault) {
        return names.get(fault);
    }

    /** Back to the command-line form, e.g. {@code crash=0.1,duplicate=0.1}. */
    public String toFlag() {
        return Arrays.stream(Fault.values()).filter(rates::containsKey)
                .map(f -> name(f) + "=" + rates.get(f)).collect(Collectors.joining(","))
                + (slowTableMillis != DEFAULT_SLOW_TABLE_MILLIS ? "," + name(Fault.SLOW_TABLE) + "-ms=" + slowTableMillis : "");
    }

    private static String flags(Map<Fault, String> names) {
        return Arrays.stream(Fault.values()).map(names::get).collect(Collectors.joining(", "));
    }
}

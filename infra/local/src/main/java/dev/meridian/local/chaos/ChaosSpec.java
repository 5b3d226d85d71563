package dev.meridian.local.chaos;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code --chaos crash=0.1,duplicate=0.1,...} asks for: a probability per fault, a seed,
 * and how long a slow payment call waits.
 *
 * @param rates           probability of each fault per opportunity (a write, a delivered message, a call); absent = 0
 * @param seed            the random generator's seed: the same seed draws the same sequence of decisions
 * @param slowPaymentMillis the delay of a slow gateway call ({@code slow-payment-ms}, default 1500)
 */
public record ChaosSpec(Map<Fault, Double> rates, long seed, long slowPaymentMillis) {

    public static final long DEFAULT_SLOW_PAYMENT_MILLIS = 1500;

    public ChaosSpec {
        EnumMap<Fault, Double> copy = new EnumMap<>(Fault.class);
        rates.forEach((fault, p) -> {
            if (p == null || p.isNaN() || p < 0 || p > 1) {
                throw new IllegalArgumentException("--chaos " + fault.flag() + " must be a probability between 0 and 1, was " + p);
            }
            copy.put(fault, p);
        });
        rates = Map.copyOf(copy);
        if (slowPaymentMillis < 0) {
            throw new IllegalArgumentException("slow-payment-ms must not be negative");
        }
    }

    /**
     * Parses {@code name=probability[,name=probability...]}, names as in {@link Fault#flag()}, plus
     * {@code slow-payment-ms=N}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static ChaosSpec parse(String text, long seed) {
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        long slowMillis = DEFAULT_SLOW_PAYMENT_MILLIS;
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--chaos needs name=probability pairs, e.g. crash=0.1,duplicate=0.1 (faults: "
                    + flags() + ")");
        }
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--chaos entry '" + entry + "' must be name=probability (faults: " + flags() + ")");
            }
            String name = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (name.equals("slow-payment-ms")) {
                try {
                    slowMillis = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--chaos slow-payment-ms must be an integer, was '" + value + "'");
                }
                continue;
            }
            Fault fault = Fault.byFlag(name).orElseThrow(() -> new IllegalArgumentException(
                    "--chaos: unknown fault '" + name + "' (faults: " + flags() + ", and slow-payment-ms)"));
            double p;
            try {
                p = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--chaos " + name + " must be a probability between 0 and 1, was '" + value + "'");
            }
            rates.put(fault, p);
        }
        return new ChaosSpec(rates, seed, slowMillis);
    }

    public double rate(Fault fault) {
        return rates.getOrDefault(fault, 0.0);
    }

    /** Back to the command-line form, e.g. {@code crash=0.1,duplicate=0.1}. */
    public String toFlag() {
        return Arrays.stream(Fault.values()).filter(rates::containsKey)
                .map(f -> f.flag() + "=" + rates.get(f)).collect(Collectors.joining(","))
                + (slowPaymentMillis != DEFAULT_SLOW_PAYMENT_MILLIS ? ",slow-payment-ms=" + slowPaymentMillis : "");
    }

    private static String flags() {
        return Arrays.stream(Fault.values()).map(Fault::flag).collect(Collectors.joining(", "));
    }
}

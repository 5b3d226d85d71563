package dev.meridian.emulator.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, with a seeded generator, whether each opportunity for a fault gets one, and counts
 * the opportunities and the faults injected. The same seed and the same sequence of questions
 * give the same answers (concurrent callers interleave their questions in whatever order the
 * threads run, so a multi-threaded run is repeatable in its rates, not call by call).
 */
public final class FaultInjector {

    private final ChaosSpec spec;
    private final Random random;
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final Map<Fault, AtomicLong> opportunities = new EnumMap<>(Fault.class);
    private final Map<String, AtomicLong> injectedAt = new java.util.concurrent.ConcurrentSkipListMap<>();

    public FaultInjector(ChaosSpec spec) {
        this.spec = spec;
        this.random = new Random(spec.seed());
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicLong());
            opportunities.put(f, new AtomicLong());
        }
    }

    public ChaosSpec spec() {
        return spec;
    }

    /** True when this opportunity gets the fault (and counts it). A fault with rate 0 draws nothing. */
    public boolean roll(Fault fault) {
        double p = spec.rate(fault);
        if (p <= 0) {
            return false;
        }
        opportunities.get(fault).incrementAndGet();
        boolean hit;
        synchronized (random) {
            hit = random.nextDouble() < p;
        }
        if (hit) {
            injected.get(fault).incrementAndGet();
        }
        return hit;
    }

    /** {@link #roll(Fault)}, counting an injected fault also under {@code where} (e.g. the SDK operation). */
    public boolean roll(Fault fault, String where) {
        boolean hit = roll(fault);
        if (hit) {
            injectedAt.computeIfAbsent(spec.name(fault) + " " + where, k -> new AtomicLong()).incrementAndGet();
        }
        return hit;
    }

    public long injected(Fault fault) {
        return injected.get(fault).get();
    }

    public long opportunities(Fault fault) {
        return opportunities.get(fault).get();
    }

    /** {@code {"enabled":true,"seed":7,"spec":"crash=0.1,...","faults":{"crash":{"rate":0.1,"opportunities":n,"injected":n},...}}}. */
    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("enabled", true);
        root.put("seed", spec.seed());
        root.put("spec", spec.toFlag());
        root.put("slowTableMillis", spec.slowTableMillis());
        ObjectNode faults = root.putObject("faults");
        for (Fault f : Fault.values()) {
            ObjectNode node = faults.putObject(spec.name(f));
            node.put("rate", spec.rate(f));
            node.put("opportunities", opportunities(f));
            node.put("injected", injected(f));
        }
        ObjectNode at = root.putObject("injectedAt");
        injectedAt.forEach((k, v) -> at.put(k, v.get()));
        return root;
    }

    /** One line: {@code crash 12/130, duplicate 4/41, ...}. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (Fault f : Fault.values()) {
            if (spec.rate(f) > 0) {
                out.append(out.length() == 0 ? "" : ", ").append(spec.name(f)).append(' ').append(injected(f))
                        .append(" of ").append(opportunities(f));
            }
        }
        return out.length() == 0 ? "no faults configured" : out.toString();
    }
}

package dev.meridian.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The run's workload: the skus it restocks and the seeded mix of orders (customer, lines, payment token, cancel). */
final class Workload {

    private final RunState run;

    Workload(RunState run) {
        this.run = run;
    }

    List<String> restock() throws InterruptedException {
        run.phase = "restocking";
        List<String> skus = new ArrayList<>();
        // about 4 units of demand per order (1-3 units, and a few orders of 100): stock covers most, not all
        long perSku = Math.max(1, Math.round(run.options.orders() * 3.5 / run.options.skus()));
        for (int k = 0; k < run.options.skus(); k++) {
            String sku = "LOAD-" + run.runId + "-" + k;
            var put = run.client.retrying("PUT", "/products/" + sku, run.adminToken,
                    Map.of("name", "Load " + sku, "price", 500 + k, "currency", "EUR"), Map.of(), Duration.ofSeconds(60));
            if (put.status() / 100 != 2) {
                throw new IllegalStateException("PUT /products/" + sku + " answered " + put.status() + " " + put.body());
            }
            var restock = run.client.retrying("POST", "/products/" + sku + "/restock", run.adminToken, Map.of("quantity", perSku),
                    Map.of("idempotency-key", "load-" + run.runId + "-restock-" + k), Duration.ofSeconds(60));
            if (restock.status() != 200) {
                throw new IllegalStateException("restock of " + sku + " answered " + restock.status() + " " + restock.body());
            }
            skus.add(sku);
            run.restocked.put(sku, perSku);
        }
        return skus;
    }

    /** The i-th order of the mix: decided by the seed, so a run's orders are repeatable. */
    record Planned(String customer, Map<String, Long> lines, String token, boolean cancel) {
    }

    static Planned plan(int i, long seed, List<String> skus, int customers, String runId) {
        Random r = new Random(seed * 1_000_003L + i);
        String customer = "load-" + runId + "-c" + r.nextInt(customers);
        double t = r.nextDouble();
        String token = t < 0.08 ? "tok_declined" : t < 0.12 ? "tok_timeout" : "tok_ok";
        Map<String, Long> lines = new LinkedHashMap<>();
        String first = skus.get(r.nextInt(skus.size()));
        lines.put(first, r.nextDouble() < 0.03 ? 100L : 1L + r.nextInt(3));
        if (skus.size() > 1 && r.nextDouble() < 0.1) {
            String second = skus.get(r.nextInt(skus.size()));
            if (!second.equals(first)) {
                lines.put(second, 1L + r.nextInt(2));
            }
        }
        return new Planned(customer, lines, token, r.nextDouble() < 0.1);
    }
}

package dev.meridian.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Places the workload's orders from {@code concurrency} clients, each with its idempotency key, and counts the answers. */
final class Placer {

    private final RunState run;

    Placer(RunState run) {
        this.run = run;
    }

    void place(ExecutorService pool, List<String> skus) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < run.options.concurrency(); w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < run.options.orders()) {
                    placeOne(i, Workload.plan(i, run.options.seed(), skus, run.options.customers(), run.runId));
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
    }

    private void placeOne(int i, Workload.Planned p) throws InterruptedException {
        run.attempted.incrementAndGet();
        run.customersUsed.add(p.customer());
        String token = run.customerToken(p.customer());
        List<Map<String, Object>> lines = new ArrayList<>();
        p.lines().forEach((sku, q) -> lines.add(Map.of("sku", sku, "quantity", q)));
        var r = run.client.retrying("POST", "/orders", token, Map.of("lines", lines, "payment", Map.of("token", p.token())),
                Map.of("idempotency-key", "load-" + run.runId + "-" + i), Duration.ofSeconds(90));
        if (r.status() == 202 && r.json() != null) {
            String orderId = r.json().path("orderId").asText();
            run.placed.put(orderId, new LoadState.Placed(orderId, p.customer(), p.lines(), p.token(), p.cancel()));
            if (p.cancel()) {
                run.client.retrying("POST", "/orders/" + orderId + "/cancel", token, null, Map.of(), Duration.ofSeconds(60));
            }
        } else if (r.status() >= 400 && r.status() < 500 && r.status() != 409 && r.status() != 429) {
            run.rejected.incrementAndGet();
            run.rejectedByStatus.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
            if (run.rejectionSamples.size() < 5) {
                run.rejectionSamples.add(r.status() + " " + r.body());
            }
        } else {
            run.failedToPlace.incrementAndGet();
            if (run.rejectionSamples.size() < 5) {
                run.rejectionSamples.add("no answer: " + r.status() + " " + r.body());
            }
        }
    }
}

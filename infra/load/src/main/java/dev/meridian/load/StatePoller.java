package dev.meridian.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Reads the stack's state over HTTP: the orders (adopting those whose answer was lost), queue depths, stock and the ledger; waits until terminal and drained. */
final class StatePoller {

    private final RunState run;

    StatePoller(RunState run) {
        this.run = run;
    }

    /** Queue depths and the order ids that DLQ messages name, from {@code GET /_local/queues}. */
    record QueueView(long pendingInConsumerQueues, long dlqMessages, Set<String> dlqOrderIds, JsonNode raw) {
    }

    QueueView queues() throws InterruptedException {
        var r = run.client.get("/_local/queues", null);
        if (r.status() != 200 || r.json() == null) {
            return new QueueView(-1, 0, Set.of(), Json.object());
        }
        long pending = 0;
        long dlq = 0;
        Set<String> ids = new HashSet<>();
        var fields = r.json().path("queues").fields();
        while (fields.hasNext()) {
            JsonNode q = fields.next().getValue();
            if (q.path("deadLetterQueue").asBoolean()) {
                dlq += q.path("visible").asLong();
                q.path("orderIds").forEach(id -> ids.add(id.asText()));
            } else {
                pending += q.path("visible").asLong() + q.path("inFlight").asLong() + q.path("delayed").asLong();
            }
        }
        return new QueueView(pending, dlq, ids, r.json());
    }

    /**
     * Reads the orders' states. {@code adopt}: an order the API lists that this run has no answer
     * for is taken as this run's (its POST's answer was lost); never while placing, where the
     * answer may simply not have arrived yet.
     */
    void refreshOrders(ExecutorService pool, boolean all, boolean adopt) throws InterruptedException, java.util.concurrent.ExecutionException {
        Map<String, List<LoadState.Placed>> byCustomer = new TreeMap<>();
        if (adopt && (all || run.failedToPlace.get() > 0)) {
            run.customersUsed.forEach(c -> byCustomer.put(c, new ArrayList<>()));
        }
        for (LoadState.Placed p : run.placed.values()) {
            LoadState.Observed o = run.observed.get(p.orderId());
            if (all || o == null || !o.terminal()) {
                byCustomer.computeIfAbsent(p.customer(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Future<?>> tasks = new ArrayList<>();
        for (var e : byCustomer.entrySet()) {
            tasks.add(pool.submit(() -> {
                String token = run.customerToken(e.getKey());
                var list = run.client.get("/orders?limit=100", token);
                Set<String> seen = new HashSet<>();
                if (list.status() == 200 && list.json() != null) {
                    for (JsonNode o : list.json().path("items")) {
                        LoadState.Observed ob = observed(o);
                        if (adopt && !run.placed.containsKey(ob.orderId())) {
                            // a POST whose answer never came (the client gave up retrying) may still have
                            // placed the order: this run's customers are its own, so their orders are ours
                            if (run.placed.putIfAbsent(ob.orderId(), new LoadState.Placed(ob.orderId(), e.getKey(), ob.lines(), null, false)) == null) {
                                run.adopted.incrementAndGet();
                            }
                        }
                        if (run.placed.containsKey(ob.orderId())) {
                            run.observed.put(ob.orderId(), ob);
                            seen.add(ob.orderId());
                        }
                    }
                }
                for (LoadState.Placed p : e.getValue()) {
                    if (!seen.contains(p.orderId())) {
                        var one = run.client.get("/orders/" + p.orderId(), token);
                        if (one.status() == 200 && one.json() != null) {
                            run.observed.put(p.orderId(), observed(one.json()));
                        } else if (one.status() == 404) {
                            run.observed.put(p.orderId(), new LoadState.Observed(p.orderId(), null, null, Map.of(), null, null));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : tasks) {
            f.get();
        }
    }

    static LoadState.Observed observed(JsonNode o) {
        Map<String, Long> lines = new LinkedHashMap<>();
        o.path("lines").forEach(l -> lines.put(l.path("sku").asText(), l.path("quantity").asLong()));
        return new LoadState.Observed(o.path("orderId").asText(), o.path("status").asText(null),
                o.path("cancellationReason").asText(null), lines,
                o.hasNonNull("createdAt") ? Instant.parse(o.get("createdAt").asText()) : null,
                o.hasNonNull("updatedAt") ? Instant.parse(o.get("updatedAt").asText()) : null);
    }

    long terminalCount() {
        return run.placed.keySet().stream().filter(id -> run.observed.containsKey(id) && run.observed.get(id).terminal()).count();
    }

    QueueView awaitTerminal(ExecutorService pool) throws Exception {
        long deadline = System.nanoTime() + run.options.deadline().toNanos();
        QueueView q = queues();
        while (true) {
            refreshOrders(pool, false, true);
            q = queues();
            Set<String> open = new HashSet<>();
            for (String id : run.placed.keySet()) {
                LoadState.Observed o = run.observed.get(id);
                if (o == null || !o.terminal()) {
                    open.add(id);
                }
            }
            if (open.isEmpty()) {
                return q;
            }
            if (q.pendingInConsumerQueues() == 0 && q.dlqOrderIds().containsAll(open)) {
                return q; // what is left is visibly in a DLQ
            }
            if (System.nanoTime() > deadline) {
                run.err.println();
                run.err.println("meridian load: deadline of " + run.options.deadline().toSeconds() + " s reached with " + open.size() + " orders not terminal");
                return q;
            }
            Thread.sleep(1000);
        }
    }

    /**
     * After the orders: the stock moves (reserved → sold, releases) and refunds still travel through
     * the outbox stream and the queues. Waits until the queues are quiet, every sku not held by a
     * dead-lettered order shows nothing reserved, and every cancelled order's charge is refunded, or
     * 60 s have passed (then the checker reports what is left).
     */
    QueueView awaitDrained(QueueView q, List<String> skus) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            q = queues();
            quiet = q.pendingInConsumerQueues() == 0 ? quiet + 1 : 0;
            if (quiet >= 3 && settled(q, skus)) {
                break;
            }
            Thread.sleep(700);
        }
        return q;
    }

    private boolean settled(QueueView q, List<String> skus) throws InterruptedException {
        Set<String> held = new HashSet<>();
        for (LoadState.Placed p : run.placed.values()) {
            if (q.dlqOrderIds().contains(p.orderId())) {
                held.addAll(p.lines().keySet());
            }
        }
        for (String sku : skus) {
            if (held.contains(sku)) {
                continue;
            }
            var r = run.client.get("/products/" + sku, null);
            if (r.status() != 200 || r.json() == null || r.json().path("reserved").asLong() != 0) {
                return false;
            }
        }
        var ledger = run.client.get("/_local/payments", null);
        if (ledger.status() != 200 || ledger.json() == null) {
            return false;
        }
        for (LoadState.Placed p : run.placed.values()) {
            LoadState.Observed o = run.observed.get(p.orderId());
            JsonNode c = ledger.json().path("orders").path(p.orderId());
            if (o != null && "CANCELLED".equals(o.status()) && !q.dlqOrderIds().contains(p.orderId())
                    && c.path("charged").asLong() > c.path("refunded").asLong()) {
                return false;
            }
        }
        return true;
    }

    LoadState snapshot(ExecutorService pool, List<String> skus, QueueView q) throws Exception {
        refreshOrders(pool, true, true);
        Map<String, LoadState.Stock> stock = new LinkedHashMap<>();
        for (String sku : skus) {
            var r = run.client.get("/products/" + sku, null);
            if (r.status() != 200 || r.json() == null) {
                throw new IllegalStateException("GET /products/" + sku + " answered " + r.status() + " " + r.body());
            }
            JsonNode p = r.json();
            stock.put(sku, new LoadState.Stock(sku, p.path("restocked").asLong(), p.path("available").asLong(),
                    p.path("reserved").asLong(), p.path("sold").asLong()));
        }
        var ledgerResponse = run.client.get("/_local/payments", null);
        if (ledgerResponse.status() != 200 || ledgerResponse.json() == null) {
            throw new IllegalStateException("GET /_local/payments answered " + ledgerResponse.status());
        }
        Map<String, LoadState.Charges> ledger = new LinkedHashMap<>();
        ledgerResponse.json().path("orders").fields().forEachRemaining(e -> ledger.put(e.getKey(), new LoadState.Charges(
                e.getValue().path("charged").asLong(), e.getValue().path("refunded").asLong(), e.getValue().path("declined").asLong())));
        // the ledger of a shared target also holds other clients' orders, which this run cannot read (customers
        // see only their own): there only this run's orders are checked; on its own stack every charge must be ours
        return new LoadState(Map.copyOf(run.placed), Map.copyOf(run.observed), stock, ledger, q.dlqOrderIds(), q.dlqMessages(),
                run.options.target() == null, Map.copyOf(run.restocked), run.failedToPlace.get());
    }
}

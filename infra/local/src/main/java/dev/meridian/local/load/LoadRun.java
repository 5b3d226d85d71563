package dev.meridian.local.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.local.LocalOptions;
import dev.meridian.local.MeridianLocal;
import dev.meridian.local.chaos.ChaosSpec;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./meridian load}: places orders against a stack (its own, or {@code --target}), waits
 * until every order is terminal, then checks the invariants from the API and the ledger.
 */
public final class LoadRun {

    /**
     * @param target   base URL of a running {@code ./meridian local}; null: start a stack here
     * @param chaos    faults for the stack this run starts (ignored with a target)
     * @param deadline how long to wait for every order to become terminal
     */
    public record Options(int orders, int concurrency, int skus, int customers, String target, boolean json,
                          ChaosSpec chaos, long seed, Duration deadline, java.nio.file.Path template, boolean redrive) {
        public Options {
            if (orders < 1 || concurrency < 1 || skus < 1 || customers < 1) {
                throw new IllegalArgumentException("--orders, --concurrency, --skus and --customers must be at least 1");
            }
        }
    }


    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, LoadState.Placed> placed = new ConcurrentHashMap<>();
    private final Map<String, LoadState.Observed> observed = new ConcurrentHashMap<>();
    private final Map<String, String> customerTokens = new ConcurrentHashMap<>();
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger failedToPlace = new AtomicInteger();
    private final Set<String> customersUsed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger adopted = new AtomicInteger();
    private final Map<Integer, AtomicInteger> rejectedByStatus = new ConcurrentHashMap<>();
    private final List<String> rejectionSamples = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> phaseSeconds = new ConcurrentHashMap<>();
    private final Map<String, Long> restocked = new ConcurrentHashMap<>();
    private volatile String phase = "starting";
    private LoadClient client;
    private volatile InvariantChecker.Result lastResult;
    private long redriven;
    private String adminToken;

    public LoadRun(Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Runs; the exit code: 0 when every invariant held, 1 on any violation. */
    public int run() throws Exception {
        MeridianLocal stack = null;
        try {
            if (options.target() == null) {
                err.println("meridian load: starting a local stack (FunctionTimeout=2, QueueVisibilityTimeout=2"
                        + (options.chaos() == null ? "" : ", chaos " + options.chaos().toFlag() + " seed " + options.chaos().seed()) + ")");
                PrintStream stdout = System.out;
                System.setOut(err); // DynamoDB Local prints its banner on stdout: keep stdout for the summary (--json)
                try {
                    stack = MeridianLocal.start(LocalOptions.builder()
                            .template(options.template() != null ? options.template() : LocalOptions.defaultTemplate()).anyFreePort()
                            .parameter("FunctionTimeout", "2")
                            .parameter("QueueVisibilityTimeout", "2")
                            .chaos(options.chaos())
                            .build());
                } finally {
                    System.setOut(stdout);
                }
                client = new LoadClient(stack.baseUrl());
            } else {
                client = new LoadClient(options.target());
            }
            return execute();
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /** For the command line (before any logger exists): the run's own output is the summary. */
    public static void quietRuntimeLogs() {
        // the run's own output is the summary: the stack's per-invocation lines and the faults' warnings would drown it
        for (String logger : List.of("invoke", "gateway", "sqs", "stream", "local", "schedule", "bus", "dev.meridian",
                "dev.meridian.common.batch", "dev.meridian.common.http")) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "off");
        }
    }

    private int execute() throws Exception {
        long started = System.nanoTime();
        adminToken = client.mint("load-" + runId + "-admin", true);
        long restockStarted = System.nanoTime();
        List<String> skus = restock();
        phaseSeconds.put("restocking", (System.nanoTime() - restockStarted) / 1_000_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
            Thread t = new Thread(r, "load");
            t.setDaemon(true);
            return t;
        });
        phase = "placing";
        Thread progress = new Thread(this::progress, "load-progress");
        progress.setDaemon(true);
        progress.start();
        try {
            long t = System.nanoTime();
            place(pool, skus);
            phaseSeconds.put("placing", (System.nanoTime() - t) / 1_000_000_000);
            t = System.nanoTime();
            phase = "waiting";
            QueueView queues = awaitTerminal(pool);
            // --redrive: what sits in the DLQs goes back to its queue (as an operator would), up to 3 rounds
            for (int round = 0; options.redrive() && round < 3 && queues.dlqMessages() > 0; round++) {
                var moved = client.send("POST", "/_local/redrive", null, null, Map.of());
                redriven += moved.json() == null ? 0 : moved.json().path("total").asLong();
                queues = awaitTerminal(pool);
            }
            phaseSeconds.put("waiting", (System.nanoTime() - t) / 1_000_000_000);
            t = System.nanoTime();
            phase = "settling";
            queues = awaitDrained(queues, skus);
            phaseSeconds.put("settling", (System.nanoTime() - t) / 1_000_000_000);
            phase = "checking";
            t = System.nanoTime();
            LoadState state = snapshot(pool, skus, queues);
            InvariantChecker.Result result = new InvariantChecker().check(state);
            phaseSeconds.put("checking", (System.nanoTime() - t) / 1_000_000_000);
            lastResult = result;
            progress.interrupt();
            err.println();
            JsonNode chaos = client.get("/_local/chaos", null).json();
            report(state, result, queues, chaos, Duration.ofNanos(System.nanoTime() - started));
            return result.ok() ? 0 : 1;
        } finally {
            progress.interrupt();
            pool.shutdownNow();
        }
    }

    /** The last run's check (tests). */
    public InvariantChecker.Result result() {
        return lastResult;
    }

    // ------------------------------------------------------------------ setup

    private List<String> restock() throws InterruptedException {
        phase = "restocking";
        List<String> skus = new ArrayList<>();
        // about 4 units of demand per order (1-3 units, and a few orders of 100): stock covers most, not all
        long perSku = Math.max(1, Math.round(options.orders() * 3.5 / options.skus()));
        for (int k = 0; k < options.skus(); k++) {
            String sku = "LOAD-" + runId + "-" + k;
            var put = client.retrying("PUT", "/products/" + sku, adminToken,
                    Map.of("name", "Load " + sku, "price", 500 + k, "currency", "EUR"), Map.of(), Duration.ofSeconds(60));
            if (put.status() / 100 != 2) {
                throw new IllegalStateException("PUT /products/" + sku + " answered " + put.status() + " " + put.body());
            }
            var restock = client.retrying("POST", "/products/" + sku + "/restock", adminToken, Map.of("quantity", perSku),
                    Map.of("idempotency-key", "load-" + runId + "-restock-" + k), Duration.ofSeconds(60));
            if (restock.status() != 200) {
                throw new IllegalStateException("restock of " + sku + " answered " + restock.status() + " " + restock.body());
            }
            skus.add(sku);
            restocked.put(sku, perSku);
        }
        return skus;
    }

    private String customerToken(String customer) throws InterruptedException {
        String token = customerTokens.get(customer);
        if (token == null) {
            token = client.mint(customer, false);
            customerTokens.put(customer, token);
        }
        return token;
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

    private void place(ExecutorService pool, List<String> skus) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < options.concurrency(); w++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < options.orders()) {
                    placeOne(i, plan(i, options.seed(), skus, options.customers(), runId));
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
    }

    private void placeOne(int i, Planned p) throws InterruptedException {
        attempted.incrementAndGet();
        customersUsed.add(p.customer());
        String token = customerToken(p.customer());
        List<Map<String, Object>> lines = new ArrayList<>();
        p.lines().forEach((sku, q) -> lines.add(Map.of("sku", sku, "quantity", q)));
        var r = client.retrying("POST", "/orders", token, Map.of("lines", lines, "payment", Map.of("token", p.token())),
                Map.of("idempotency-key", "load-" + runId + "-" + i), Duration.ofSeconds(90));
        if (r.status() == 202 && r.json() != null) {
            String orderId = r.json().path("orderId").asText();
            placed.put(orderId, new LoadState.Placed(orderId, p.customer(), p.lines(), p.token(), p.cancel()));
            if (p.cancel()) {
                client.retrying("POST", "/orders/" + orderId + "/cancel", token, null, Map.of(), Duration.ofSeconds(60));
            }
        } else if (r.status() >= 400 && r.status() < 500 && r.status() != 409 && r.status() != 429) {
            rejected.incrementAndGet();
            rejectedByStatus.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
            if (rejectionSamples.size() < 5) {
                rejectionSamples.add(r.status() + " " + r.body());
            }
        } else {
            failedToPlace.incrementAndGet();
            if (rejectionSamples.size() < 5) {
                rejectionSamples.add("no answer: " + r.status() + " " + r.body());
            }
        }
    }

    // ------------------------------------------------------------------ waiting

    /** Queue depths and the order ids that DLQ messages name, from {@code GET /_local/queues}. */
    record QueueView(long pendingInConsumerQueues, long dlqMessages, Set<String> dlqOrderIds, JsonNode raw) {
    }

    private QueueView queues() throws InterruptedException {
        var r = client.get("/_local/queues", null);
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
    private void refreshOrders(ExecutorService pool, boolean all, boolean adopt) throws InterruptedException, java.util.concurrent.ExecutionException {
        Map<String, List<LoadState.Placed>> byCustomer = new TreeMap<>();
        if (adopt && (all || failedToPlace.get() > 0)) {
            customersUsed.forEach(c -> byCustomer.put(c, new ArrayList<>()));
        }
        for (LoadState.Placed p : placed.values()) {
            LoadState.Observed o = observed.get(p.orderId());
            if (all || o == null || !o.terminal()) {
                byCustomer.computeIfAbsent(p.customer(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Future<?>> tasks = new ArrayList<>();
        for (var e : byCustomer.entrySet()) {
            tasks.add(pool.submit(() -> {
                String token = customerToken(e.getKey());
                var list = client.get("/orders?limit=100", token);
                Set<String> seen = new HashSet<>();
                if (list.status() == 200 && list.json() != null) {
                    for (JsonNode o : list.json().path("items")) {
                        LoadState.Observed ob = observed(o);
                        if (adopt && !placed.containsKey(ob.orderId())) {
                            // a POST whose answer never came (the client gave up retrying) may still have
                            // placed the order: this run's customers are its own, so their orders are ours
                            if (placed.putIfAbsent(ob.orderId(), new LoadState.Placed(ob.orderId(), e.getKey(), ob.lines(), null, false)) == null) {
                                adopted.incrementAndGet();
                            }
                        }
                        if (placed.containsKey(ob.orderId())) {
                            observed.put(ob.orderId(), ob);
                            seen.add(ob.orderId());
                        }
                    }
                }
                for (LoadState.Placed p : e.getValue()) {
                    if (!seen.contains(p.orderId())) {
                        var one = client.get("/orders/" + p.orderId(), token);
                        if (one.status() == 200 && one.json() != null) {
                            observed.put(p.orderId(), observed(one.json()));
                        } else if (one.status() == 404) {
                            observed.put(p.orderId(), new LoadState.Observed(p.orderId(), null, null, Map.of(), null, null));
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

    private long terminalCount() {
        return placed.keySet().stream().filter(id -> observed.containsKey(id) && observed.get(id).terminal()).count();
    }

    private QueueView awaitTerminal(ExecutorService pool) throws Exception {
        long deadline = System.nanoTime() + options.deadline().toNanos();
        QueueView q = queues();
        while (true) {
            refreshOrders(pool, false, true);
            q = queues();
            Set<String> open = new HashSet<>();
            for (String id : placed.keySet()) {
                LoadState.Observed o = observed.get(id);
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
                err.println();
                err.println("meridian load: deadline of " + options.deadline().toSeconds() + " s reached with " + open.size() + " orders not terminal");
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
    private QueueView awaitDrained(QueueView q, List<String> skus) throws InterruptedException {
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
        for (LoadState.Placed p : placed.values()) {
            if (q.dlqOrderIds().contains(p.orderId())) {
                held.addAll(p.lines().keySet());
            }
        }
        for (String sku : skus) {
            if (held.contains(sku)) {
                continue;
            }
            var r = client.get("/products/" + sku, null);
            if (r.status() != 200 || r.json() == null || r.json().path("reserved").asLong() != 0) {
                return false;
            }
        }
        var ledger = client.get("/_local/payments", null);
        if (ledger.status() != 200 || ledger.json() == null) {
            return false;
        }
        for (LoadState.Placed p : placed.values()) {
            LoadState.Observed o = observed.get(p.orderId());
            JsonNode c = ledger.json().path("orders").path(p.orderId());
            if (o != null && "CANCELLED".equals(o.status()) && !q.dlqOrderIds().contains(p.orderId())
                    && c.path("charged").asLong() > c.path("refunded").asLong()) {
                return false;
            }
        }
        return true;
    }

    private LoadState snapshot(ExecutorService pool, List<String> skus, QueueView q) throws Exception {
        refreshOrders(pool, true, true);
        Map<String, LoadState.Stock> stock = new LinkedHashMap<>();
        for (String sku : skus) {
            var r = client.get("/products/" + sku, null);
            if (r.status() != 200 || r.json() == null) {
                throw new IllegalStateException("GET /products/" + sku + " answered " + r.status() + " " + r.body());
            }
            JsonNode p = r.json();
            stock.put(sku, new LoadState.Stock(sku, p.path("restocked").asLong(), p.path("available").asLong(),
                    p.path("reserved").asLong(), p.path("sold").asLong()));
        }
        var ledgerResponse = client.get("/_local/payments", null);
        if (ledgerResponse.status() != 200 || ledgerResponse.json() == null) {
            throw new IllegalStateException("GET /_local/payments answered " + ledgerResponse.status());
        }
        Map<String, LoadState.Charges> ledger = new LinkedHashMap<>();
        ledgerResponse.json().path("orders").fields().forEachRemaining(e -> ledger.put(e.getKey(), new LoadState.Charges(
                e.getValue().path("charged").asLong(), e.getValue().path("refunded").asLong(), e.getValue().path("declined").asLong())));
        // the ledger of a shared target also holds other clients' orders, which this run cannot read (customers
        // see only their own): there only this run's orders are checked; on its own stack every charge must be ours
        return new LoadState(Map.copyOf(placed), Map.copyOf(observed), stock, ledger, q.dlqOrderIds(), q.dlqMessages(),
                options.target() == null, Map.copyOf(restocked), failedToPlace.get());
    }

    // ------------------------------------------------------------------ output

    /**
     * The progress bar on stderr: redrawn in place twice a second on a terminal, one line every
     * 10 s otherwise (a log file). While placing, the orders' states are read every 10 s in the
     * background (two threads of its own; the bar never waits for them), so "terminal" moves
     * before the placing ends. A read that overlaps the waiting phase is harmless: a terminal
     * state never changes, and an order read as open is read again there.
     */
    private void progress() {
        boolean terminal = System.console() != null;
        ExecutorService reader = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "load-progress-reader");
            t.setDaemon(true);
            return t;
        });
        Future<?> reading = null;
        long nextRead = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long nextLine = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (phase.equals("placing") && System.nanoTime() >= nextRead && (reading == null || reading.isDone())) {
                    reading = reader.submit(() -> {
                        refreshOrders(reader, false, false);
                        return null;
                    });
                    nextRead = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
                if (terminal || System.nanoTime() >= nextLine) {
                    err.print((terminal ? "\r" : "") + progressLine(30) + (terminal ? "   " : System.lineSeparator()));
                    err.flush();
                    nextLine = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException stop) {
            // done
        } finally {
            // a failed read for the bar (a fault, a timeout) only leaves the bar on the last states
            // read; the waiting phase reads every order again and reports there
            reader.shutdownNow();
        }
    }

    String progressLine(int width) {
        int n = options.orders();
        long terminalOrders = terminalCount();
        long done = phase.equals("placing") ? attempted.get() : terminalOrders;
        long total = phase.equals("placing") ? n : Math.max(1, placed.size());
        int filled = (int) Math.min(width, done * width / total);
        return String.format("[%s%s] %-9s placed %d/%d  terminal %d/%d", "#".repeat(filled), ".".repeat(width - filled), phase,
                placed.size(), n, terminalOrders, placed.size());
    }

    private void report(LoadState state, InvariantChecker.Result result, QueueView queues, JsonNode chaos, Duration elapsed) {
        Map<String, Long> cancelled = new TreeMap<>();
        long confirmed = 0;
        List<Long> latencies = new ArrayList<>();
        Instant first = null;
        Instant last = null;
        for (LoadState.Placed p : state.placed().values()) {
            LoadState.Observed o = state.orders().get(p.orderId());
            if (o == null || !o.terminal()) {
                continue;
            }
            if (o.status().equals("CONFIRMED")) {
                confirmed++;
            } else {
                cancelled.merge(o.cancellationReason() == null ? "UNKNOWN" : o.cancellationReason(), 1L, Long::sum);
            }
            if (o.createdAt() != null && o.updatedAt() != null) {
                latencies.add(Duration.between(o.createdAt(), o.updatedAt()).toMillis());
                first = first == null || o.createdAt().isBefore(first) ? o.createdAt() : first;
                last = last == null || o.updatedAt().isAfter(last) ? o.updatedAt() : last;
            }
        }
        Collections.sort(latencies);
        long terminal = latencies.size();
        double seconds = first == null ? 0 : Math.max(0.001, Duration.between(first, last).toMillis() / 1000.0);
        double throughput = seconds == 0 ? 0 : terminal / seconds;

        ObjectNode s = Json.object();
        s.put("orders", options.orders());
        s.put("concurrency", options.concurrency());
        s.put("skus", options.skus());
        s.put("customers", options.customers());
        s.put("target", options.target() == null ? "own local stack" : options.target());
        s.put("accepted", state.placed().size());
        s.put("rejectedAtApi", rejected.get());
        ObjectNode byStatus = s.putObject("rejectedByStatus");
        rejectedByStatus.forEach((k, v) -> byStatus.put(Integer.toString(k), v.get()));
        s.put("notPlacedAfterRetries", failedToPlace.get());
        s.put("acceptedDespiteNoAnswer", adopted.get());
        s.put("confirmed", confirmed);
        ObjectNode c = s.putObject("cancelledByReason");
        cancelled.forEach(c::put);
        s.put("notTerminal", result.notTerminal());
        s.put("ordersWithMessageInDlq", result.inDlq());
        s.put("dlqMessages", queues.dlqMessages());
        s.put("redrivenMessages", redriven);
        s.put("oversoldUnits", result.oversoldUnits());
        s.put("conservationViolations", result.count(InvariantChecker.Kind.CONSERVATION) + result.count(InvariantChecker.Kind.NEGATIVE_STOCK));
        s.put("doubleCharges", result.count(InvariantChecker.Kind.DOUBLE_CHARGE));
        s.put("missingRefunds", result.count(InvariantChecker.Kind.MISSING_REFUND));
        s.put("violations", result.violations().size());
        ObjectNode kinds = s.putObject("violationsByKind");
        for (InvariantChecker.Kind k : InvariantChecker.Kind.values()) {
            if (result.count(k) > 0) {
                kinds.put(k.name(), result.count(k));
            }
        }
        var list = s.putArray("violationSamples");
        result.violations().stream().limit(20).forEach(v -> list.add(v.toString()));
        ObjectNode unsettled = s.putObject("unsettledSkusReserved");
        result.unsettledSkus().forEach(unsettled::put);
        s.put("throughputOrdersPerSecond", Math.round(throughput * 10) / 10.0);
        s.put("p50MillisToTerminal", percentile(latencies, 50));
        s.put("p99MillisToTerminal", percentile(latencies, 99));
        s.put("elapsedSeconds", elapsed.toSeconds());
        ObjectNode phases = s.putObject("phaseSeconds");
        phaseSeconds.forEach(phases::put);
        var samples = s.putArray("rejectionSamples");
        rejectionSamples.forEach(samples::add);
        s.set("chaos", chaos == null ? Json.object() : chaos);

        if (options.json()) {
            out.println(Json.write(s));
            return;
        }
        out.printf("meridian load: %d orders, concurrency %d, %d skus, %d customers, %s%n", options.orders(), options.concurrency(),
                options.skus(), options.customers(), s.get("target").asText());
        out.printf("  accepted            %d (rejected at the API %d; no answer after retries %d, of which found placed %d)%n",
                state.placed().size(), rejected.get(), failedToPlace.get(), adopted.get());
        out.printf("  confirmed           %d%n", confirmed);
        out.printf("  cancelled           %d %s%n", cancelled.values().stream().mapToLong(Long::longValue).sum(), cancelled);
        out.printf("  not terminal        %d (orders with a message in a DLQ: %d; DLQ messages: %d%s)%n", result.notTerminal(), result.inDlq(),
                queues.dlqMessages(), options.redrive() ? "; redriven: " + redriven : "");
        out.printf("  oversold units      %d%n", result.oversoldUnits());
        out.printf("  conservation        %d violations%n", s.get("conservationViolations").asLong());
        out.printf("  double charges      %d%n", s.get("doubleCharges").asLong());
        out.printf("  missing refunds     %d%n", s.get("missingRefunds").asLong());
        out.printf("  throughput          %.1f orders/s to terminal%n", throughput);
        out.printf("  time to terminal    p50 %d ms, p99 %d ms%n", percentile(latencies, 50), percentile(latencies, 99));
        if (chaos != null && chaos.path("enabled").asBoolean()) {
            StringBuilder f = new StringBuilder();
            chaos.path("faults").fields().forEachRemaining(e -> {
                if (e.getValue().path("rate").asDouble() > 0) {
                    f.append(f.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().path("injected").asLong());
                }
            });
            out.printf("  faults injected     %s (seed %d)%n", f, chaos.path("seed").asLong());
        }
        if (!result.unsettledSkus().isEmpty()) {
            out.printf("  unsettled skus      %s (reserved units; bounded by the orders whose messages are in a DLQ)%n", result.unsettledSkus());
        }
        out.printf("  elapsed             %d s %s%n", elapsed.toSeconds(), new TreeMap<>(phaseSeconds));
        rejectionSamples.forEach(r -> out.println("  rejected            " + r));
        if (result.ok()) {
            out.println("  invariants          all hold");
        } else {
            out.println("  VIOLATIONS          " + result.violations().size() + " " + kinds);
            result.violations().stream().limit(20).forEach(v -> out.println("    " + v));
        }
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}

package dev.meridian.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./meridian load}: places orders against a stack (its own, or {@code --target}), waits
 * until every order is terminal, then checks the invariants from the API and the ledger.
 */
public final class LoadRun {

    /**
     * @param target   base URL of a shared {@code ./meridian local} ({@code --target}); null: the run's own stack, whose
     *                 ledger then holds only this run's charges
     * @param seed     the seed of the order mix
     * @param deadline how long to wait for every order to become terminal
     */
    public record Options(int orders, int concurrency, int skus, int customers, String target, boolean json, long seed,
                          Duration deadline, boolean redrive) {
        public Options {
            if (orders < 1 || concurrency < 1 || skus < 1 || customers < 1) {
                throw new IllegalArgumentException("--orders, --concurrency, --skus and --customers must be at least 1");
            }
        }
    }

    private final RunState run;
    private final Workload workload;
    private final Placer placer;
    private final StatePoller poller;
    private final LoadReport report;

    public LoadRun(Options options, PrintStream out, PrintStream err) {
        this.run = new RunState(options, out, err);
        this.workload = new Workload(run);
        this.placer = new Placer(run);
        this.poller = new StatePoller(run);
        this.report = new LoadReport(run);
    }

    /** Runs against {@link Options#target()}, else the run's own stack at {@code baseUrl}; the exit code: 0 when every invariant held, 1 on any violation. */
    public int run(String baseUrl) throws Exception {
        run.client = new LoadClient(run.options.target() != null ? run.options.target() : baseUrl);
        return execute();
    }

    private int execute() throws Exception {
        long started = System.nanoTime();
        run.adminToken = run.client.mint("load-" + run.runId + "-admin", true);
        long restockStarted = System.nanoTime();
        List<String> skus = workload.restock();
        run.phaseSeconds.put("restocking", (System.nanoTime() - restockStarted) / 1_000_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(run.options.concurrency(), r -> {
            Thread t = new Thread(r, "load");
            t.setDaemon(true);
            return t;
        });
        run.phase = "placing";
        Thread progress = new Thread(this::progress, "load-progress");
        progress.setDaemon(true);
        progress.start();
        try {
            long t = System.nanoTime();
            placer.place(pool, skus);
            run.phaseSeconds.put("placing", (System.nanoTime() - t) / 1_000_000_000);
            t = System.nanoTime();
            run.phase = "waiting";
            StatePoller.QueueView queues = poller.awaitTerminal(pool);
            // --redrive: what sits in the DLQs goes back to its queue (as an operator would), up to 3 rounds
            for (int round = 0; run.options.redrive() && round < 3 && queues.dlqMessages() > 0; round++) {
                var moved = run.client.send("POST", "/_local/redrive", null, null, Map.of());
                run.redriven += moved.json() == null ? 0 : moved.json().path("total").asLong();
                queues = poller.awaitTerminal(pool);
            }
            run.phaseSeconds.put("waiting", (System.nanoTime() - t) / 1_000_000_000);
            t = System.nanoTime();
            run.phase = "settling";
            queues = poller.awaitDrained(queues, skus);
            run.phaseSeconds.put("settling", (System.nanoTime() - t) / 1_000_000_000);
            run.phase = "checking";
            t = System.nanoTime();
            LoadState state = poller.snapshot(pool, skus, queues);
            InvariantChecker.Result result = new InvariantChecker().check(state);
            run.phaseSeconds.put("checking", (System.nanoTime() - t) / 1_000_000_000);
            run.lastResult = result;
            progress.interrupt();
            run.err.println();
            JsonNode chaos = run.client.get("/_local/chaos", null).json();
            report.print(state, result, queues, chaos, Duration.ofNanos(System.nanoTime() - started));
            return result.ok() ? 0 : 1;
        } finally {
            progress.interrupt();
            pool.shutdownNow();
        }
    }

    /** The last run's check (tests). */
    public InvariantChecker.Result result() {
        return run.lastResult;
    }

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
                if (run.phase.equals("placing") && System.nanoTime() >= nextRead && (reading == null || reading.isDone())) {
                    reading = reader.submit(() -> {
                        poller.refreshOrders(reader, false, false);
                        return null;
                    });
                    nextRead = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
                if (terminal || System.nanoTime() >= nextLine) {
                    run.err.print((terminal ? "\r" : "") + progressLine(30) + (terminal ? "   " : System.lineSeparator()));
                    run.err.flush();
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
        int n = run.options.orders();
        long terminalOrders = poller.terminalCount();
        long done = run.phase.equals("placing") ? run.attempted.get() : terminalOrders;
        long total = run.phase.equals("placing") ? n : Math.max(1, run.placed.size());
        int filled = (int) Math.min(width, done * width / total);
        return String.format("[%s%s] %-9s placed %d/%d  terminal %d/%d", "#".repeat(filled), ".".repeat(width - filled), run.phase,
                run.placed.size(), n, terminalOrders, run.placed.size());
    }
}

package dev.meridian.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;

/** Sections (c) saga throughput and (e) {@code ./meridian local} start-up, as text. */
final class LocalReports {

    /** (c): ≥ 5× the 18.5 orders/s recorded with DynamoDB Local (docs/benchmarks.md, run G). */
    static final double SAGA_TARGET_ORDERS_PER_SECOND = 5 * 18.5;
    /** (e): ready in ≤ 1.5 s (it was ≤ 5 s with DynamoDB Local). */
    static final double LOCAL_READY_TARGET_MS = 1500;

    private LocalReports() {
    }

    static void printSaga(PrintStream out, SagaThroughputBench.Result r) {
        if (r == null) {
            return;
        }
        out.printf("(c) End-to-end saga throughput, local stack (targets: >= %.1f orders/s, 5 x the 18.5 recorded with DynamoDB Local; >= 0.5 x the bound the DynamoDB engine sets, same run)%n",
                SAGA_TARGET_ORDERS_PER_SECOND);
        if (r.error() != null) {
            out.println("  not measured: " + r.error());
            return;
        }
        out.printf("  %d orders after a warm-up run, concurrency %d: %.1f orders/s to terminal; %.1f DynamoDB calls per order%n",
                r.orders(), r.concurrency(), r.ordersPerSecond(), r.dynamoCallsPerOrder());
        out.printf("  raw PutItem+GetItem, same client and concurrency: %.0f calls/s right before the run, %.0f right after, on the DynamoDB engine; mean %.0f%n",
                r.rawBefore(), r.rawAfter(), r.rawCallsPerSecond());
        out.printf("  bound %.1f orders/s; throughput / bound = %.2f %s (against the capacity before the run alone: %.2f)%n", r.bound(), r.ratio(),
                r.ratio() >= 0.5 ? "ok" : "MISS", r.strictRatio());
        out.printf("  %.1f orders/s against the target %.1f: %s%s%n", r.ordersPerSecond(), SAGA_TARGET_ORDERS_PER_SECOND,
                r.ordersPerSecond() >= SAGA_TARGET_ORDERS_PER_SECOND ? "ok" : "MISS",
                r.ratio() < 0.5 ? " — the engine's bound is far above the throughput: the bound is elsewhere (SQS emulator, batching windows, function threads)" : "");
    }

    static void printLocalStart(PrintStream out, LocalStartBench.Result r) {
        if (r == null) {
            return;
        }
        out.println("(e) ./meridian local start-up on template.yaml (fresh JVM each run; target: ready in <= 1.5 s from process spawn)");
        if (r.error() != null) {
            out.println("  not measured: " + r.error());
            return;
        }
        out.printf("  ready (engines up, tables, queues, functions), as the runtime reports it (from its stack's start): median %.0f ms of %s%n",
                r.medianReady(), r.readyMs());
        out.printf("  process spawn to that ready line (JVM boot included): median %.0f ms of %s — %s%n", r.medianSpawnToReady(),
                r.spawnToReadyMs(), r.medianSpawnToReady() <= LOCAL_READY_TARGET_MS ? "ok" : "MISS");
        out.printf("  first answer to GET /products from process start: median %.0f ms of %s%n", r.medianFirstAnswer(), r.firstAnswerMs());
    }

    static void json(ObjectNode root, SagaThroughputBench.Result saga, LocalStartBench.Result localStart) {
        if (saga != null) {
            ObjectNode c = root.putObject("sagaThroughput");
            c.put("orders", saga.orders());
            c.put("ordersPerSecond", saga.ordersPerSecond());
            c.put("dynamoCallsPerOrder", saga.dynamoCallsPerOrder());
            c.put("rawCallsPerSecond", saga.rawCallsPerSecond());
            c.put("rawCallsPerSecondBefore", saga.rawBefore());
            c.put("rawCallsPerSecondAfter", saga.rawAfter());
            c.put("warmupOrders", 100);
            c.put("boundOrdersPerSecond", saga.error() == null ? saga.bound() : 0);
            c.put("targetOrdersPerSecond", SAGA_TARGET_ORDERS_PER_SECOND);
            c.put("ratioToBound", saga.error() == null ? saga.ratio() : 0);
            c.put("strictRatioToBound", saga.error() == null ? saga.strictRatio() : 0);
            if (saga.error() != null) {
                c.put("error", saga.error());
            }
        }
        if (localStart != null) {
            ObjectNode l = root.putObject("localStartup");
            l.put("readyMedianMs", localStart.medianReady());
            l.put("spawnToReadyMedianMs", localStart.medianSpawnToReady());
            l.put("targetMs", LOCAL_READY_TARGET_MS);
            l.put("firstAnswerMedianMs", localStart.medianFirstAnswer());
            localStart.readyMs().forEach(l.putArray("readyMs")::add);
            localStart.spawnToReadyMs().forEach(l.putArray("spawnToReadyMs")::add);
            if (localStart.error() != null) {
                l.put("error", localStart.error());
            }
        }
    }
}

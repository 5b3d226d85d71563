package dev.meridian.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The run's report: one summary document, printed as JSON ({@code --json}) or as text. */
final class LoadReport {

    private final RunState run;

    LoadReport(RunState run) {
        this.run = run;
    }

    void print(LoadState state, InvariantChecker.Result result, StatePoller.QueueView queues, JsonNode chaos, Duration elapsed) {
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
        s.put("orders", run.options.orders());
        s.put("concurrency", run.options.concurrency());
        s.put("skus", run.options.skus());
        s.put("customers", run.options.customers());
        s.put("target", run.options.target() == null ? "own local stack" : run.options.target());
        s.put("accepted", state.placed().size());
        s.put("rejectedAtApi", run.rejected.get());
        ObjectNode byStatus = s.putObject("rejectedByStatus");
        run.rejectedByStatus.forEach((k, v) -> byStatus.put(Integer.toString(k), v.get()));
        s.put("notPlacedAfterRetries", run.failedToPlace.get());
        s.put("acceptedDespiteNoAnswer", run.adopted.get());
        s.put("confirmed", confirmed);
        ObjectNode c = s.putObject("cancelledByReason");
        cancelled.forEach(c::put);
        s.put("notTerminal", result.notTerminal());
        s.put("ordersWithMessageInDlq", result.inDlq());
        s.put("dlqMessages", queues.dlqMessages());
        s.put("redrivenMessages", run.redriven);
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
        run.phaseSeconds.forEach(phases::put);
        var samples = s.putArray("rejectionSamples");
        run.rejectionSamples.forEach(samples::add);
        s.set("chaos", chaos == null ? Json.object() : chaos);

        if (run.options.json()) {
            run.out.println(Json.write(s));
            return;
        }
        run.out.printf("meridian load: %d orders, concurrency %d, %d skus, %d customers, %s%n", run.options.orders(), run.options.concurrency(),
                run.options.skus(), run.options.customers(), s.get("target").asText());
        run.out.printf("  accepted            %d (rejected at the API %d; no answer after retries %d, of which found placed %d)%n",
                state.placed().size(), run.rejected.get(), run.failedToPlace.get(), run.adopted.get());
        run.out.printf("  confirmed           %d%n", confirmed);
        run.out.printf("  cancelled           %d %s%n", cancelled.values().stream().mapToLong(Long::longValue).sum(), cancelled);
        run.out.printf("  not terminal        %d (orders with a message in a DLQ: %d; DLQ messages: %d%s)%n", result.notTerminal(), result.inDlq(),
                queues.dlqMessages(), run.options.redrive() ? "; redriven: " + run.redriven : "");
        run.out.printf("  oversold units      %d%n", result.oversoldUnits());
        run.out.printf("  conservation        %d violations%n", s.get("conservationViolations").asLong());
        run.out.printf("  double charges      %d%n", s.get("doubleCharges").asLong());
        run.out.printf("  missing refunds     %d%n", s.get("missingRefunds").asLong());
        run.out.printf("  throughput          %.1f orders/s to terminal%n", throughput);
        run.out.printf("  time to terminal    p50 %d ms, p99 %d ms%n", percentile(latencies, 50), percentile(latencies, 99));
        if (chaos != null && chaos.path("enabled").asBoolean()) {
            StringBuilder f = new StringBuilder();
            chaos.path("faults").fields().forEachRemaining(e -> {
                if (e.getValue().path("rate").asDouble() > 0) {
                    f.append(f.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().path("injected").asLong());
                }
            });
            run.out.printf("  faults injected     %s (seed %d)%n", f, chaos.path("seed").asLong());
        }
        if (!result.unsettledSkus().isEmpty()) {
            run.out.printf("  unsettled skus      %s (reserved units; bounded by the orders whose messages are in a DLQ)%n", result.unsettledSkus());
        }
        run.out.printf("  elapsed             %d s %s%n", elapsed.toSeconds(), new TreeMap<>(run.phaseSeconds));
        run.rejectionSamples.forEach(r -> run.out.println("  rejected            " + r));
        if (result.ok()) {
            run.out.println("  invariants          all hold");
        } else {
            run.out.println("  VIOLATIONS          " + result.violations().size() + " " + kinds);
            result.violations().stream().limit(20).forEach(v -> run.out.println("    " + v));
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

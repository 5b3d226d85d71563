package dev.meridian.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One run's shared state: what was placed and observed, the counters, the phase and the client. */
final class RunState {

    final LoadRun.Options options;
    final PrintStream out;
    final PrintStream err;
    final String runId = UUID.randomUUID().toString().substring(0, 8);
    final Map<String, LoadState.Placed> placed = new ConcurrentHashMap<>();
    final Map<String, LoadState.Observed> observed = new ConcurrentHashMap<>();
    final Map<String, String> customerTokens = new ConcurrentHashMap<>();
    final AtomicInteger attempted = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger failedToPlace = new AtomicInteger();
    final Set<String> customersUsed = ConcurrentHashMap.newKeySet();
    final AtomicInteger adopted = new AtomicInteger();
    final Map<Integer, AtomicInteger> rejectedByStatus = new ConcurrentHashMap<>();
    final List<String> rejectionSamples = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> phaseSeconds = new ConcurrentHashMap<>();
    final Map<String, Long> restocked = new ConcurrentHashMap<>();
    volatile String phase = "starting";
    LoadClient client;
    volatile InvariantChecker.Result lastResult;
    long redriven;
    String adminToken;

    RunState(LoadRun.Options options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    String customerToken(String customer) throws InterruptedException {
        String token = customerTokens.get(customer);
        if (token == null) {
            token = client.mint(customer, false);
            customerTokens.put(customer, token);
        }
        return token;
    }
}

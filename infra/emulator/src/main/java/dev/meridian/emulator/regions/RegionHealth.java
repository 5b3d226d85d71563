package dev.meridian.emulator.regions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The front door's view of each region, as DNS health checks see it: every {@value #POLL_MILLIS} ms
 * a {@code GET /health} on the region's port. A region is healthy while that answers below 500:
 * {@code 200} from the template's health route, or, for a template without one, any answer of a
 * region that is not down (a down region answers 503 on every API route).
 */
final class RegionHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("front-door");
    static final long POLL_MILLIS = 1000;
    static final String HEALTH_PATH = "/health";

    private final List<RegionStack> regions;
    private final HttpClient client;
    private final Map<String, Boolean> healthy = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "front-door-health");
        t.setDaemon(true);
        return t;
    });

    private RegionHealth(List<RegionStack> regions, HttpClient client) {
        this.regions = List.copyOf(regions);
        this.client = client;
    }

    /** Polls once (so that the first request sees the regions' health), then every {@value #POLL_MILLIS} ms. */
    static RegionHealth start(List<RegionStack> regions, HttpClient client) {
        RegionHealth h = new RegionHealth(regions, client);
        h.poll();
        h.poller.scheduleWithFixedDelay(h::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return h;
    }

    boolean healthy(String region) {
        return healthy.getOrDefault(region, false);
    }

    /** A forward found the region not listening: unhealthy until the next poll says otherwise. */
    void markUnhealthy(String region) {
        record(region, false, "connection refused");
    }

    String summary() {
        return String.join(", ", regions.stream().map(r -> r.name() + " " + (healthy(r.name()) ? "healthy" : "unhealthy")).toList());
    }

    private void poll() {
        List<CompletableFuture<Void>> checks = regions.stream().map(r -> client.sendAsync(
                        HttpRequest.newBuilder(URI.create(r.baseUrl() + HEALTH_PATH)).timeout(Duration.ofMillis(POLL_MILLIS)).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        record(r.name(), false, failure.getClass().getSimpleName());
                    } else {
                        record(r.name(), response.statusCode() < 500, "GET " + HEALTH_PATH + " " + response.statusCode());
                    }
                    return (Void) null;
                })).toList();
        try {
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(2 * POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("health poll: {}", e.toString());
        }
    }

    private void record(String region, boolean now, String why) {
        Boolean before = healthy.put(region, now);
        if (before == null || before != now) {
            LOG.info("{} is {} ({})", region, now ? "healthy" : "unhealthy", why);
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}

package dev.meridian.emulator.regions;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local stand-in for DNS failover routing in front of the regions: a request goes to the
 * region its {@value #REGION_HEADER} header names while that region is healthy, else to the next
 * healthy region after it in the run's order, wrapping around (a request without the header: the
 * first healthy region);
 * the response names the region that served it in {@value #SERVED_BY_HEADER}. Health comes from
 * polling each region ({@link RegionHealth}). {@code /_local/*} is not forwarded: each region's
 * own port serves it.
 */
final class FrontDoor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("front-door");
    static final String REGION_HEADER = "X-Meridian-Region";
    static final String SERVED_BY_HEADER = "X-Meridian-Served-By";
    /** Headers the forwarding client sets itself, or that describe one hop only. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<RegionStack> regions;
    private final RegionHealth health;
    private final HttpClient client;

    private FrontDoor(HttpServer server, ExecutorService threads, List<RegionStack> regions, RegionHealth health, HttpClient client) {
        this.server = server;
        this.threads = threads;
        this.regions = regions;
        this.health = health;
        this.client = client;
    }

    /** On 127.0.0.1:port (0: a free port), with health known before the first request. */
    static FrontDoor start(int port, List<RegionStack> regions) {
        ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "front-door");
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .executor(threads).build();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new IllegalStateException("the front door cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another emulator running on it? use --port", e);
        }
        RegionHealth health = RegionHealth.start(regions, client);
        FrontDoor door = new FrontDoor(server, threads, List.copyOf(regions), health, client);
        server.setExecutor(threads);
        server.createContext("/", door::handle);
        server.start();
        return door;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith("/_local/") || path.equals("/_local")) {
                send(exchange, 404, null, "the front door does not forward /_local/*; call a region's own port ("
                        + String.join(", ", regions.stream().map(r -> r.name() + " " + r.baseUrl()).toList()) + ")");
                return;
            }
            String wanted = exchange.getRequestHeaders().getFirst(REGION_HEADER);
            if (wanted != null && regions.stream().noneMatch(r -> r.name().equals(wanted.trim()))) {
                send(exchange, 400, null, REGION_HEADER + " names no region of this run: '" + wanted + "'; regions: "
                        + String.join(", ", regions.stream().map(RegionStack::name).toList()));
                return;
            }
            forward(exchange, wanted == null ? null : wanted.trim(), path, body);
        } catch (RuntimeException e) {
            LOG.error("front door failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            send(exchange, 502, null, "Bad Gateway: " + e.getMessage());
        }
    }

    private void forward(HttpExchange exchange, String wanted, String path, byte[] body) throws IOException {
        List<RegionStack> tried = new ArrayList<>();
        for (RegionStack region : candidates(wanted)) {
            String query = exchange.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(region.baseUrl() + path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.net.ConnectException e) {
                // the region stopped listening since the last poll; the request was never sent: the next region may serve it
                health.markUnhealthy(region.name());
                tried.add(region);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 503, null, "the front door was interrupted");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            send(exchange, response.statusCode(), region.name(), response.body());
            return;
        }
        send(exchange, 503, null, "no healthy region" + (tried.isEmpty() ? "" : " (" + String.join(", ",
                tried.stream().map(RegionStack::name).toList()) + " stopped answering)") + "; health: " + health.summary());
    }

    /**
     * The healthy regions in the order a request tries them: the one it names, then the regions
     * after it in the run's order, wrapping around; without a name, the run's order from the first.
     */
    private List<RegionStack> candidates(String wanted) {
        int start = 0;
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).name().equals(wanted)) {
                start = i;
            }
        }
        List<RegionStack> out = new ArrayList<>();
        for (int k = 0; k < regions.size(); k++) {
            RegionStack r = regions.get((start + k) % regions.size());
            if (health.healthy(r.name())) {
                out.add(r);
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String servedBy, String message) throws IOException {
        exchange.getResponseHeaders().put("content-type", List.of("application/json"));
        send(exchange, status, servedBy, Json.write(Map.of("message", message)).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String servedBy, byte[] body) throws IOException {
        if (servedBy != null) {
            exchange.getResponseHeaders().set(SERVED_BY_HEADER, servedBy);
        }
        boolean empty = body.length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        health.close();
        threads.shutdownNow();
    }
}

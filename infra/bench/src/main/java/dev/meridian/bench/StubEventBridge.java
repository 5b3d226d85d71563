package dev.meridian.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for EventBridge {@code PutEvents} (the local runtime's bus is not
 * part of the bench): accepts every entry. Its cost is in both the handler's and the raw
 * call's figures, so it cancels out of the overhead ratio.
 */
final class StubEventBridge implements AutoCloseable {

    private static final byte[] ACCEPTED = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11111111-2222-3333-4444-555555555555\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();

    private StubEventBridge(HttpServer server) {
        this.server = server;
    }

    static StubEventBridge start() {
        // without TCP_NODELAY every exchange waits out a delayed ACK (~40 ms) on loopback; read once, at first use
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            StubEventBridge stub = new StubEventBridge(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                stub.requests.incrementAndGet();
                stub.entries.addAndGet(countEntries(body));
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, ACCEPTED.length);
                exchange.getResponseBody().write(ACCEPTED);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "stub-eventbridge");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the EventBridge stub", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long requests() {
        return requests.get();
    }

    /** Event entries received over all PutEvents requests. */
    long entries() {
        return entries.get();
    }

    private static int countEntries(byte[] body) {
        try {
            return dev.meridian.common.json.Json.parseTrusted(new String(body, StandardCharsets.UTF_8)).path("Entries").size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

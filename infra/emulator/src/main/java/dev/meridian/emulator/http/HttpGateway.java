package dev.meridian.emulator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.meridian.emulator.auth.JwtVerifier;
import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.template.StackModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The local HTTP transport on 127.0.0.1: paths under {@code /_local/} go to the one registry of
 * the emulator's own routes ({@link LocalRoutes}); every other path to the template's HTTP APIs
 * ({@link ApiRequests}: route, CORS, JWT authorizer, payload 2.0).
 */
public final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("gateway");
    public static final String ISSUER_PATH = "/_local/issuer";

    private final HttpServer server;
    private final LocalRoutes localRoutes = new LocalRoutes();
    private volatile ApiRequests api;
    private volatile boolean down;

    private HttpGateway(HttpServer server) {
        this.server = server;
    }

    /** Binds 127.0.0.1:port (0: a free port) and starts serving; every path answers 503 until {@link #attach}. */
    public static HttpGateway bind(int port, ExecutorService executor) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            server.setExecutor(executor);
            HttpGateway gateway = new HttpGateway(server);
            server.createContext("/", gateway::handle);
            server.start();
            return gateway;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another emulator running on it? use --port", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String issuerUrl() {
        return baseUrl() + ISSUER_PATH;
    }

    /** Where the emulator's parts and the embedding program register their {@code /_local} routes. */
    public LocalRoutes localRoutes() {
        return localRoutes;
    }

    /**
     * A region that is down (true): every path but {@code /_local/*} answers 503, as an API whose
     * region failed; false serves the APIs again.
     */
    public void down(boolean down) {
        this.down = down;
    }

    /** Starts serving the template's APIs (and the {@code /_local} routes registered so far). */
    public void attach(StackModel model, Map<String, LocalFunction> functions, JwtVerifier verifier) {
        this.api = new ApiRequests(model, functions, new JwtAuthorizer(verifier));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            ApiRequests apis = api;
            String path = exchange.getRequestURI().getRawPath();
            if (apis == null) {
                Responses.send(exchange, 503, Responses.message("Service Unavailable"));
                return;
            }
            if (path.startsWith("/_local/")) {
                local(exchange, path, body);
                return;
            }
            if (down) {
                Responses.send(exchange, 503, Responses.message("Service Unavailable: this region is down (POST /_local/regions/<region>/heal)"));
                return;
            }
            apis.handle(exchange, path, body);
        } catch (RuntimeException e) {
            LOG.error("gateway failure on {} {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            Responses.send(exchange, 500, Responses.message("Internal Server Error"));
        }
    }

    private void local(HttpExchange exchange, String path, byte[] body) throws IOException {
        String method = exchange.getRequestMethod();
        Optional<LocalRoutes.Handler> handler = localRoutes.find(method, path);
        if (handler.isEmpty()) {
            Responses.send(exchange, 404, Responses.message("Not Found"));
            return;
        }
        LocalResponse response = handler.get().handle(new LocalRequest(method, path, body, exchange.getRemoteAddress().getAddress()));
        Responses.sendJson(exchange, response.status(), response.json());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

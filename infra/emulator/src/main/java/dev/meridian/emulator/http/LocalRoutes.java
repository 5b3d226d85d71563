package dev.meridian.emulator.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one registry of the emulator's own paths under {@code /_local/} (loopback only, like
 * everything on the gateway's port): the issuer's documents, token minting, schedules, health,
 * inspection views and the embedding program's views all register here by route key.
 */
public final class LocalRoutes {

    /** Answers one {@code /_local} request. */
    @FunctionalInterface
    public interface Handler {
        LocalResponse handle(LocalRequest request);
    }

    private final Map<String, Handler> exact = new ConcurrentHashMap<>();
    private final Map<String, Handler> prefixed = new ConcurrentHashMap<>();

    /** {@code routeKey} is {@code "GET /_local/..."}; a second registration of the same key is a programming error. */
    public void add(String routeKey, Handler handler) {
        check(routeKey);
        if (exact.putIfAbsent(routeKey, handler) != null) {
            throw new IllegalStateException("local route " + routeKey + " is registered twice");
        }
    }

    /** A read-only JSON view: {@code json} answers with the document, 200. */
    public void addView(String routeKey, java.util.function.Supplier<String> json) {
        add(routeKey, request -> LocalResponse.json(200, json.get()));
    }

    /** Every path under {@code "POST /_local/schedules/"}; the handler reads the rest from {@link LocalRequest#path()}. */
    public void addPrefix(String routeKeyPrefix, Handler handler) {
        check(routeKeyPrefix);
        if (!routeKeyPrefix.endsWith("/")) {
            throw new IllegalArgumentException("a local route prefix ends with '/': " + routeKeyPrefix);
        }
        if (prefixed.putIfAbsent(routeKeyPrefix, handler) != null) {
            throw new IllegalStateException("local route prefix " + routeKeyPrefix + " is registered twice");
        }
    }

    /** The handler of {@code method path}, if one is registered. */
    public Optional<Handler> find(String method, String path) {
        String key = method + " " + path;
        Handler h = exact.get(key);
        if (h != null) {
            return Optional.of(h);
        }
        return prefixed.entrySet().stream().filter(e -> key.startsWith(e.getKey()) && key.length() > e.getKey().length())
                .map(Map.Entry::getValue).findFirst();
    }

    private static void check(String routeKey) {
        int space = routeKey.indexOf(' ');
        if (space <= 0 || !routeKey.startsWith("/_local/", space + 1)) {
            throw new IllegalArgumentException("a local route key is 'METHOD /_local/...', was '" + routeKey + "'");
        }
    }
}

package dev.meridian.emulator.http;

import dev.meridian.emulator.template.Specs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP API route selection: the most specific match wins — literal segments over path
 * variables, path variables over a greedy {@code {proxy+}}, a named method over
 * {@code ANY}; {@code $default} catches the rest.
 */
public final class RouteTable {

    public record Match(Specs.Route route, Map<String, String> pathParameters) {
    }

    private record Compiled(Specs.Route route, String[] segments, boolean greedy) {
    }

    private final List<Compiled> routes = new ArrayList<>();
    private Specs.Route defaultRoute;

    public RouteTable(List<Specs.Route> routes) {
        for (Specs.Route r : routes) {
            if (r.path().equals("$default")) {
                defaultRoute = r;
                continue;
            }
            String[] segments = split(r.path());
            boolean greedy = segments.length > 0 && segments[segments.length - 1].endsWith("+}");
            this.routes.add(new Compiled(r, segments, greedy));
        }
    }

    public Optional<Match> match(String method, String rawPath) {
        String[] actual = split(rawPath);
        List<Match> candidates = new ArrayList<>();
        List<Compiled> matchedRoutes = new ArrayList<>();
        for (Compiled c : routes) {
            if (!c.route().method().equals("ANY") && !c.route().method().equals(method)) {
                continue;
            }
            Map<String, String> params = matchPath(c, actual);
            if (params != null) {
                candidates.add(new Match(c.route(), params));
                matchedRoutes.add(c);
            }
        }
        if (candidates.isEmpty()) {
            return defaultRoute == null ? Optional.empty() : Optional.of(new Match(defaultRoute, Map.of()));
        }
        Comparator<Compiled> specificity = (a, b) -> {
            if (a.greedy() != b.greedy()) {
                return a.greedy() ? 1 : -1;
            }
            for (int i = 0; i < Math.min(a.segments().length, b.segments().length); i++) {
                boolean la = !isVariable(a.segments()[i]);
                boolean lb = !isVariable(b.segments()[i]);
                if (la != lb) {
                    return la ? -1 : 1;
                }
            }
            if (a.segments().length != b.segments().length) {
                return b.segments().length - a.segments().length;
            }
            boolean anyA = a.route().method().equals("ANY");
            boolean anyB = b.route().method().equals("ANY");
            return anyA == anyB ? 0 : anyA ? 1 : -1;
        };
        int best = 0;
        for (int i = 1; i < candidates.size(); i++) {
            if (specificity.compare(matchedRoutes.get(i), matchedRoutes.get(best)) < 0) {
                best = i;
            }
        }
        return Optional.of(candidates.get(best));
    }

    private static Map<String, String> matchPath(Compiled c, String[] actual) {
        String[] segments = c.segments();
        Map<String, String> params = new LinkedHashMap<>();
        if (c.greedy()) {
            if (actual.length < segments.length) {
                return null;
            }
        } else if (actual.length != segments.length) {
            return null;
        }
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (c.greedy() && i == segments.length - 1) {
                String name = s.substring(1, s.length() - 2);
                List<String> rest = new ArrayList<>();
                for (int j = i; j < actual.length; j++) {
                    rest.add(decode(actual[j]));
                }
                params.put(name, String.join("/", rest));
                return params;
            }
            if (isVariable(s)) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                params.put(s.substring(1, s.length() - 1), decode(actual[i]));
            } else if (!s.equals(actual[i])) {
                return null;
            }
        }
        return params;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

package dev.meridian.emulator.testfn;

import dev.meridian.emulator.testing.Await;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** What the test functions received, by function name; the runtime runs them in the test's JVM. */
public final class Recorder {

    private static final Map<String, List<JsonNode>> EVENTS = new ConcurrentHashMap<>();

    private Recorder() {
    }

    static void record(String function, JsonNode item) {
        EVENTS.computeIfAbsent(function, k -> new CopyOnWriteArrayList<>()).add(item);
    }

    public static List<JsonNode> of(String function) {
        return List.copyOf(EVENTS.getOrDefault(function, List.of()));
    }

    /** Waits until an item recorded for the function matches; fails the test after the timeout. */
    public static JsonNode await(String function, Predicate<JsonNode> match, Duration timeout) {
        return Await.until("a record of " + function + " that matches", timeout,
                () -> of(function).stream().filter(match).findFirst());
    }
}

package dev.meridian.dynamodb.engine;

/**
 * A part of the engine that plugs in at start-up: streams, TTL and the durable data directory
 * are plugins. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.meridian.dynamodb.engine.EnginePlugin} file lists them) and/or
 * given to the builder explicitly. {@link #install} runs once, before the HTTP port opens, in
 * ascending {@link #order()}: the durability plugin restores the data directory there (order 0),
 * then the others add their listeners and operations.
 */
public interface EnginePlugin {

    /** Lower runs first. Durability (restore) 0, streams 10, TTL 20, anything else 100. */
    default int order() {
        return 100;
    }

    /** Adds listeners, operations and background work; may restore tables and items. */
    void install(EngineContext context) throws Exception;

    /** Stops background work; called once when the engine closes, in reverse install order. */
    default void close() throws Exception {
    }
}

package dev.meridian.emulator.engines;

import dev.meridian.testkit.DynamoDbLocalEngine;

import java.net.URI;
import java.nio.file.Path;

/**
 * The one place the emulator starts, addresses and stops its DynamoDB engine: swapping the
 * engine changes this file only.
 */
public final class DynamoDbEngineProcess implements AutoCloseable {

    private final DynamoDbLocalEngine engine;

    private DynamoDbEngineProcess(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    /** On a free loopback port; {@code dataDir} null keeps the tables in memory, else they persist there. */
    public static DynamoDbEngineProcess start(Path dataDir) {
        return new DynamoDbEngineProcess(DynamoDbLocalEngine.start(dataDir));
    }

    /** The engine's HTTP endpoint, for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return engine.endpoint();
    }

    @Override
    public void close() {
        engine.close();
    }
}

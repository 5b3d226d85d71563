package dev.meridian.emulator.engines;

import dev.meridian.dynamodb.DynamoDbEngine;

import java.net.URI;
import java.nio.file.Path;

/**
 * The one place the emulator starts, addresses and stops its DynamoDB engine (Meridian's own,
 * {@code infra/dynamodb}, in this JVM on a loopback port): swapping the engine changes this file only.
 */
public final class DynamoDbEngineProcess implements AutoCloseable {

    private final DynamoDbEngine engine;

    private DynamoDbEngineProcess(DynamoDbEngine engine) {
        this.engine = engine;
    }

    /**
     * On {@code port} (0: a free loopback port); {@code dataDir} null keeps the tables in memory,
     * else they persist there.
     */
    public static DynamoDbEngineProcess start(Path dataDir, int port) {
        return new DynamoDbEngineProcess(DynamoDbEngine.builder().dataDirectory(dataDir).port(port).build().start());
    }

    /** On a free loopback port. */
    public static DynamoDbEngineProcess start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** The engine's HTTP endpoint (DynamoDB and DynamoDB Streams), for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return engine.endpoint();
    }

    @Override
    public void close() {
        engine.close();
    }
}

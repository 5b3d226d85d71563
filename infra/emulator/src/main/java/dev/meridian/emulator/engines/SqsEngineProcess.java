package dev.meridian.emulator.engines;

import dev.meridian.testkit.ElasticMqEngine;

import java.net.URI;

/** The one place the emulator starts, addresses and stops its SQS engine (in memory). */
public final class SqsEngineProcess implements AutoCloseable {

    private final ElasticMqEngine engine;

    private SqsEngineProcess(ElasticMqEngine engine) {
        this.engine = engine;
    }

    /** On a free loopback port. */
    public static SqsEngineProcess start() {
        return new SqsEngineProcess(ElasticMqEngine.start());
    }

    public URI endpoint() {
        return engine.endpoint();
    }

    @Override
    public void close() {
        engine.close();
    }
}

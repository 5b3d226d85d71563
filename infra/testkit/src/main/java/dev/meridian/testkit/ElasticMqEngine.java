package dev.meridian.testkit;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.net.URI;

/** ElasticMQ (an SQS-compatible server) running in this JVM on a free loopback port. */
public final class ElasticMqEngine implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private ElasticMqEngine(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMqEngine start() {
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMqEngine(server, port);
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}

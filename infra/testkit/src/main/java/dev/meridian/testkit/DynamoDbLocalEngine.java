package dev.meridian.testkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local running in this JVM, serving HTTP on a free loopback port.
 *
 * <p>Started with {@code -sharedDb} so that every client sees the same tables whatever
 * credentials or region it signs with; in memory unless a data directory is given.
 */
public final class DynamoDbLocalEngine implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalEngine(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an in-memory engine on a free loopback port. */
    public static DynamoDbLocalEngine start() {
        return start(null);
    }

    /** Starts an engine that persists to {@code dataDir}, or in memory when it is null. */
    public static DynamoDbLocalEngine start(Path dataDir) {
        int port = FreePorts.find();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.add("-dbPath");
            args.add(dataDir.toAbsolutePath().toString());
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            return new DynamoDbLocalEngine(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local failed to start on port " + port, e);
        }
    }

    /**
     * DynamoDB Local has no host option and listens on every interface; its Jetty
     * connector is reached by reflection and bound to 127.0.0.1 before it starts.
     */
    private static void bindToLoopback(DynamoDBProxyServer server) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Object jetty = field.get(server);
        Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
        for (Object connector : connectors) {
            connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local on port " + port + " did not stop cleanly", e);
        }
    }
}

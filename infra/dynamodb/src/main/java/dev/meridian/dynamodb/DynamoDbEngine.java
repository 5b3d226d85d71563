package dev.meridian.dynamodb;

import dev.meridian.dynamodb.engine.EngineContext;
import dev.meridian.dynamodb.engine.EnginePlugin;
import dev.meridian.dynamodb.operations.CoreOperations;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.wire.HttpFrontEnd;
import dev.meridian.dynamodb.wire.OperationRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Meridian's DynamoDB engine, embeddable:
 * {@code DynamoDbEngine.builder().dataDirectory(path).port(0).build().start()}, then
 * {@link #endpoint()}; {@link #close()} stops it. With no data directory everything lives in
 * memory. Plugins ({@link EnginePlugin}, found by ServiceLoader and/or given to the builder)
 * add streams, TTL and durability.
 */
public final class DynamoDbEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamoDbEngine.class.getName());

    private final Path dataDirectory;
    private final int requestedPort;
    private final int maxConnections;
    private final Clock clock;
    private final List<EnginePlugin> plugins;
    private final Database database;
    private final OperationRegistry operations = new OperationRegistry();
    private final List<EnginePlugin> installed = new ArrayList<>();
    private HttpFrontEnd http;

    private DynamoDbEngine(Builder b, List<EnginePlugin> plugins) {
        this.dataDirectory = b.dataDirectory;
        this.requestedPort = b.port;
        this.maxConnections = b.maxConnections;
        this.clock = b.clock;
        this.plugins = plugins;
        this.database = new Database(clock);
        CoreOperations.register(operations);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Installs the plugins (restoring the data directory, if any) and opens the port. */
    public synchronized DynamoDbEngine start() {
        if (http != null) throw new IllegalStateException("already started");
        EngineContext context = new EngineContext() {
            public Path dataDirectory() { return dataDirectory; }
            public Database database() { return database; }
            public OperationRegistry operations() { return operations; }
            public Clock clock() { return clock; }
        };
        try {
            for (EnginePlugin p : plugins) {
                p.install(context);
                installed.add(p);
            }
            http = new HttpFrontEnd(operations, database, requestedPort, maxConnections);
            http.start();
        } catch (Exception e) {
            close();
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the engine could not start: " + e.getMessage(), e);
        }
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        if (http == null) throw new IllegalStateException("not started");
        return http.port();
    }

    public Database database() {
        return database;
    }

    public OperationRegistry operations() {
        return operations;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.close();
            http = null;
        }
        for (int i = installed.size() - 1; i >= 0; i--) {
            try {
                installed.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing plugin " + installed.get(i).getClass().getName(), e);
            }
        }
        installed.clear();
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private Path dataDirectory;
        private int port = 0;
        private int maxConnections = 10_000;
        private Clock clock = Clock.systemUTC();
        private boolean discoverPlugins = true;
        private final List<EnginePlugin> plugins = new ArrayList<>();

        /** Where the data lives across restarts; null (the default) keeps everything in memory. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The loopback port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Open client connections served at once, one thread each (default 10,000); more are refused. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder plugin(EnginePlugin plugin) {
            this.plugins.add(plugin);
            return this;
        }

        /** Whether to add the plugins ServiceLoader finds (default true). */
        public Builder discoverPlugins(boolean discover) {
            this.discoverPlugins = discover;
            return this;
        }

        public DynamoDbEngine build() {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, was " + port);
            if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
            if (clock == null) throw new IllegalArgumentException("clock must not be null");
            if (dataDirectory != null) {
                if (Files.exists(dataDirectory) && !Files.isDirectory(dataDirectory)) {
                    throw new IllegalArgumentException("the data directory is a file, not a directory: " + dataDirectory);
                }
                try {
                    Files.createDirectories(dataDirectory);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
                }
            }
            List<EnginePlugin> all = new ArrayList<>(plugins);
            if (discoverPlugins) {
                for (EnginePlugin p : ServiceLoader.load(EnginePlugin.class)) {
                    boolean given = all.stream().anyMatch(x -> x.getClass().equals(p.getClass()));
                    if (!given) all.add(p);
                }
            }
            all.sort(Comparator.comparingInt(EnginePlugin::order));
            return new DynamoDbEngine(this, all);
        }
    }
}

package dev.meridian.dynamodb;

import dev.meridian.dynamodb.engine.EngineContext;
import dev.meridian.dynamodb.engine.EnginePlugin;
import dev.meridian.dynamodb.operations.CoreOperations;
import dev.meridian.dynamodb.replication.Replication;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.wire.Dispatcher;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
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
    /** Global mode: the regions in the order given, each with its own database, operations and plugins. */
    private final Map<String, RegionStack> regions = new LinkedHashMap<>();
    private Replication replication;
    private HttpFrontEnd http;

    /** One region of a global-mode engine. */
    private record RegionStack(String region, Database database, OperationRegistry operations, List<EnginePlugin> plugins) {
    }

    private DynamoDbEngine(Builder b, List<EnginePlugin> plugins) {
        this.dataDirectory = b.dataDirectory;
        this.requestedPort = b.port;
        this.maxConnections = b.maxConnections;
        this.clock = b.clock;
        this.plugins = plugins;
        if (b.regions == null) {
            this.database = new Database(clock);
            CoreOperations.register(operations);
        } else {
            for (String region : b.regions) {
                OperationRegistry ops = region.equals(b.regions.get(0)) ? operations : new OperationRegistry();
                CoreOperations.register(ops);
                regions.put(region, new RegionStack(region, new Database(clock), ops, b.regionPlugins()));
            }
            this.database = regions.get(b.regions.get(0)).database();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Installs the plugins (restoring the data directory, if any) and opens the port. */
    public synchronized DynamoDbEngine start() {
        if (http != null) throw new IllegalStateException("already started");
        try {
            if (regions.isEmpty()) {
                install(plugins, dataDirectory, database, operations);
                http = new HttpFrontEnd(operations, database, requestedPort, maxConnections);
            } else {
                Map<String, Database> databases = new LinkedHashMap<>();
                for (RegionStack r : regions.values()) {
                    install(r.plugins(), dataDirectory == null ? null : dataDirectory.resolve(r.region()), r.database(), r.operations());
                    databases.put(r.region(), r.database());
                }
                replication = new Replication(databases, clock);
                http = new HttpFrontEnd(new Dispatcher(this::route), requestedPort, maxConnections);
            }
            http.start();
        } catch (Exception e) {
            close();
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the engine could not start: " + e.getMessage(), e);
        }
        return this;
    }

    private void install(List<EnginePlugin> ps, Path dir, Database db, OperationRegistry ops) throws Exception {
        if (dir != null) Files.createDirectories(dir);
        EngineContext context = new EngineContext() {
            public Path dataDirectory() { return dir; }
            public Database database() { return db; }
            public OperationRegistry operations() { return ops; }
            public Clock clock() { return clock; }
        };
        for (EnginePlugin p : ps) {
            p.install(context);
            installed.add(p);
        }
    }

    private Dispatcher.Route route(String region) {
        RegionStack r = regions.get(region);
        if (r == null) {
            throw new DynamoDbException("UnrecognizedClientException", "The region '" + region
                    + "' of the request's credential scope is not one of this engine's regions " + regions.keySet());
        }
        return new Dispatcher.Route(r.operations(), r.database());
    }

    /** Global mode: the regions in the order given; otherwise empty. */
    public List<String> regions() {
        return List.copyOf(regions.keySet());
    }

    /**
     * Global mode: that region's database (IllegalArgumentException naming the regions for any
     * other). Otherwise the one database, whatever the region.
     */
    public Database database(String region) {
        if (regions.isEmpty()) return database;
        RegionStack r = regions.get(region);
        if (r == null) {
            throw new IllegalArgumentException("region '" + region + "' is not one of this engine's regions " + regions.keySet());
        }
        return r.database();
    }

    /** Global mode: that region's operations; otherwise the engine's. */
    public OperationRegistry operations(String region) {
        if (regions.isEmpty()) return operations;
        database(region);
        return regions.get(region).operations();
    }

    /** Global tables (global mode only, after {@link #start()}); IllegalStateException otherwise. */
    public Replication replication() {
        if (regions.isEmpty()) {
            throw new IllegalStateException("replication needs global mode: build the engine with regions(...)");
        }
        if (replication == null) throw new IllegalStateException("not started");
        return replication;
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
        if (replication != null) {
            replication.close();
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
        private final List<Supplier<? extends EnginePlugin>> pluginFactories = new ArrayList<>();
        private List<String> regions;

        /**
         * Global mode: one database per region (in this order; the first is the primary, which
         * {@link DynamoDbEngine#database()} answers), each request served by the region of its
         * SigV4 credential scope, tables made global with {@link DynamoDbEngine#replication()}.
         * With a data directory each region keeps its data in a subdirectory named after it.
         */
        public Builder regions(List<String> regions) {
            this.regions = regions == null ? null : List.copyOf(regions);
            return this;
        }

        /** A plugin made once per region in global mode (once in all in the ordinary mode). */
        public Builder pluginPerRegion(Supplier<? extends EnginePlugin> factory) {
            this.pluginFactories.add(factory);
            return this;
        }

        private List<EnginePlugin> regionPlugins() {
            List<EnginePlugin> all = new ArrayList<>();
            for (Supplier<? extends EnginePlugin> f : pluginFactories) all.add(f.get());
            if (discoverPlugins) {
                for (EnginePlugin p : ServiceLoader.load(EnginePlugin.class)) {
                    if (all.stream().noneMatch(x -> x.getClass().equals(p.getClass()))) all.add(p);
                }
            }
            all.sort(Comparator.comparingInt(EnginePlugin::order));
            return all;
        }

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
            if (regions != null) {
                if (regions.isEmpty()) throw new IllegalArgumentException("regions must name at least one region");
                for (String r : regions) {
                    if (r == null || !r.matches("[a-z0-9][a-z0-9-]{0,40}")) {
                        throw new IllegalArgumentException("not a region name (lower-case letters, digits, '-'): " + r);
                    }
                }
                if (Set.copyOf(regions).size() != regions.size()) {
                    throw new IllegalArgumentException("regions must be distinct, were " + regions);
                }
                if (!plugins.isEmpty()) {
                    throw new IllegalArgumentException("global mode makes each plugin once per region: "
                            + "give plugins with pluginPerRegion(() -> new ...) instead of plugin(...)");
                }
            }
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
            if (regions == null) {
                for (Supplier<? extends EnginePlugin> f : pluginFactories) all.add(f.get());
            }
            if (regions == null && discoverPlugins) {
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

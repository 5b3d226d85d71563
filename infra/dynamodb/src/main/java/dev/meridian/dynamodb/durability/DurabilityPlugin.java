package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.engine.EngineContext;
import dev.meridian.dynamodb.engine.EnginePlugin;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data directory: restores it at start-up (order 0, before every other plugin), then logs
 * every committed write and catalog change before it is acknowledged, and compacts the log into a
 * snapshot when it grows past a size (and at close). Without a data directory it does nothing.
 *
 * <p>Durability model: each committed write (a whole transaction) is one CRC-checked frame
 * appended to the log and handed to the operating system inside the write's critical section,
 * before the answer, so a killed process ({@code kill -9}) loses no acknowledged write and a
 * restart never sees half a transaction; by default the log is not forced to the device per
 * write, so an operating-system crash or power loss may lose the last writes
 * ({@code -Dmeridian.dynamodb.fsync=always} forces each one, at the cost of a device flush per write).
 */
public final class DurabilityPlugin implements EnginePlugin {

    private static final Logger LOG = Logger.getLogger(DurabilityPlugin.class.getName());
    private static final Map<Database, DurabilityPlugin> ACTIVE = Collections.synchronizedMap(new WeakHashMap<>());

    /** Default size of the log that triggers a snapshot. */
    public static final long DEFAULT_SNAPSHOT_AFTER_BYTES = 64L * 1024 * 1024;

    private final WriteAheadLog.FsyncPolicy fsync;
    private final long snapshotAfterBytes;
    private final List<DurablePart> parts = new ArrayList<>();
    private final AtomicBoolean snapshotRequested = new AtomicBoolean();
    /** Held while a snapshot is taken or a part attaches (before the database's write lock). */
    private final Object snapshotLock = new Object();
    private Database database;
    private DataDirectory directory;
    private volatile WriteAheadLog log;
    private ExecutorService snapshotter;
    private Recovery.Result recovered;

    /** Found by ServiceLoader: fsync from {@code meridian.dynamodb.fsync} (never|always), snapshots after 64 MB of log. */
    public DurabilityPlugin() {
        this("always".equalsIgnoreCase(System.getProperty("meridian.dynamodb.fsync", "never")), DEFAULT_SNAPSHOT_AFTER_BYTES);
    }

    public DurabilityPlugin(boolean fsyncEveryWrite, long snapshotAfterBytes) {
        if (snapshotAfterBytes < 1024) {
            throw new IllegalArgumentException("snapshotAfterBytes must be at least 1024, was " + snapshotAfterBytes);
        }
        this.fsync = fsyncEveryWrite ? WriteAheadLog.FsyncPolicy.ALWAYS : WriteAheadLog.FsyncPolicy.NEVER;
        this.snapshotAfterBytes = snapshotAfterBytes;
    }

    /** The durability plugin serving {@code database}, or null when it keeps nothing on disk. */
    public static DurabilityPlugin of(Database database) {
        return ACTIVE.get(database);
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public synchronized void install(EngineContext context) throws IOException {
        Path path = context.dataDirectory();
        if (path == null) {
            return; // in memory: nothing is written
        }
        database = context.database();
        directory = DataDirectory.open(path);
        try {
            recovered = Recovery.restore(directory, database);
            if (recovered.truncated() != null) {
                LOG.warning("recovery: " + recovered.truncated());
            }
            log = WriteAheadLog.open(path, recovered.generation(), recovered.validLength(), fsync);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw new IOException("could not restore the data directory " + path + ": " + e.getMessage(), e);
        }
        snapshotter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dynamodb-snapshot");
            t.setDaemon(true);
            return t;
        });
        database.addWriteListener(this::logWrite);
        database.addCatalogListener((table, definition, millis) -> {
            WriteAheadLog log = this.log;
            if (log == null) {
                throw new IllegalStateException("the durability log is closed; the change was not made");
            }
            log.appendCatalog(table, definition, millis);
        });
        ACTIVE.put(database, this);
    }

    /** What start-up found: snapshot generation, tables, items and log entries replayed, any torn tail cut. */
    synchronized Recovery.Result recovered() {
        return recovered;
    }

    private void logWrite(List<ItemChange> changes, long millis) {
        WriteAheadLog log = this.log;
        if (log == null) {
            throw new IllegalStateException("the durability log is closed; the write was not made");
        }
        boolean[] keepOld = new boolean[changes.size()];
        for (int i = 0; i < keepOld.length; i++) {
            Table t = database.table(changes.get(i).table());
            TableDefinition d = t == null ? null : t.definition();
            keepOld[i] = d != null && d.streamEnabled()
                    && ("OLD_IMAGE".equals(d.streamViewType()) || "NEW_AND_OLD_IMAGES".equals(d.streamViewType()));
        }
        log.appendWrite(changes, keepOld, millis);
        if (log.size() > snapshotAfterBytes && snapshotRequested.compareAndSet(false, true)) {
            snapshotter.execute(this::snapshotLogged);
        }
    }

    /**
     * Attaches a part (called by its plugin while installing): gives it back its state from the
     * data directory, then runs {@code thenRegister} (the part's listeners) in the same critical
     * section, so no write falls between its restored state and its listeners.
     */
    public void attach(DurablePart part, Runnable thenRegister) {
        synchronized (snapshotLock) {
            database.locked(() -> {
                try {
                    Recovery.replayPart(directory, part);
                } catch (IOException e) {
                    throw new UncheckedIOException("restoring " + part.name() + " from " + directory.path, e);
                }
                parts.add(part);
                thenRegister.run();
                return null;
            });
        }
    }

    private void snapshotLogged() {
        try {
            snapshot();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot of " + directory.path + " failed; the log keeps growing and the next one retries", e);
        } finally {
            snapshotRequested.set(false);
        }
    }

    /** Writes a snapshot of everything logged so far and drops the logs it covers. */
    public void snapshot() throws IOException {
        synchronized (snapshotLock) {
            if (log != null) {
                snapshotNow();
            }
        }
    }

    private void snapshotNow() throws IOException {
        List<SnapshotFile.TableState> tables = new ArrayList<>();
        Map<String, DurablePart.SnapshotWriter> captured = new LinkedHashMap<>();
        long generation = database.locked(() -> {
            long g;
            try {
                g = log.rotate();
            } catch (IOException e) {
                throw new UncheckedIOException("rotating the log in " + directory.path, e);
            }
            for (Table t : database.tables().values()) {
                tables.add(new SnapshotFile.TableState(t.definition(), new ArrayList<>(t.items().values())));
            }
            for (DurablePart p : parts) {
                captured.put(p.name(), p.capture());
            }
            return g;
        });
        SnapshotFile.write(directory.path, generation, tables, captured);
        directory.removeBefore(generation);
    }

    /**
     * Stops as a killed process would (tests of recovery): no snapshot, files closed as they are,
     * the directory released; later writes fail.
     */
    void abandon() throws IOException {
        synchronized (snapshotLock) {
            if (snapshotter != null) {
                snapshotter.shutdownNow();
            }
            if (log != null) {
                log.abandon();
                log = null;
                directory.close();
                ACTIVE.remove(database);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (snapshotter == null) {
            return;
        }
        snapshotter.shutdown();
        try {
            snapshotter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (snapshotLock) {
            if (log == null) {
                return;
            }
            try {
                snapshotNow(); // a restart then reads one snapshot instead of the whole log
            } finally {
                log.close();
                log = null;
                directory.close();
                ACTIVE.remove(database);
            }
        }
    }
}

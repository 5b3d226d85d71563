package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.Table;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Global tables of a global-mode engine (one database per region in one process): every
 * region's client and TTL writes to a global table are delivered to every other region
 * asynchronously — each item change on its own, after the lag ± a uniform per-item jitter, so a
 * transaction may arrive in pieces — and applied there through the normal write path (stream,
 * indexes, durability log) with {@link ItemChange.Origin#REPLICATION} when they win
 * last-writer-wins on the hidden per-item timestamp (ties: the greater region name). A cut
 * region neither sends nor receives: its deliveries wait in order until it is healed.
 *
 * <p>{@code lwwConflicts}: the number of item versions discarded in favour of a version from
 * another region that was written without having seen them (counted once per lost version,
 * whichever replica finds it). A late older version from the same region, a version the winner
 * derives from (written, replicated, then overwritten elsewhere) and two deletes of one item
 * (e.g. both regions' TTL) are not conflicts, so a workload with one writer region per item
 * counts none.
 */
public final class Replication implements AutoCloseable {

    /** Per global table: deliveries not yet applied (held ones included), lag of the applied ones, conflicts. */
    public record TableStats(long pending, long lagP50Millis, long lagMaxMillis, long lwwConflicts) {
    }

    private final List<String> regions;
    private final List<RegionReplica> replicas = new ArrayList<>();
    private final Set<String> globalTables = ConcurrentHashMap.newKeySet();
    private final Map<String, LagStats> stats = new ConcurrentHashMap<>();
    private final Set<String> countedLosses = ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final Scheduler scheduler;
    private final AtomicLong sequence = new AtomicLong();
    private volatile long lagMillis;
    private volatile long jitterMillis;
    private SplittableRandom random = new SplittableRandom();

    /** {@code databases}: by region, in the engine's order. Starts the delivery thread. */
    public Replication(Map<String, Database> databases, Clock clock) {
        if (databases.isEmpty()) throw new IllegalArgumentException("replication needs at least one region");
        this.regions = List.copyOf(databases.keySet());
        this.clock = clock;
        this.scheduler = new Scheduler(regions.size(), clock, this::deliver, "dynamodb-replication");
        int i = 0;
        for (Map.Entry<String, Database> e : databases.entrySet()) {
            RegionReplica r = new RegionReplica(i++, e.getKey(), e.getValue(), regions.size(), globalTables::contains, this::send);
            r.install();
            replicas.add(r);
        }
        scheduler.start();
    }

    public List<String> regions() {
        return regions;
    }

    /**
     * Makes a table global: from now on every region's writes to it replicate to all others. It
     * must exist in every region with the same key schema. Items already there are not copied
     * (create the replicas empty, or identical). Idempotent.
     */
    public void replicate(String tableName) {
        KeySchema key = null;
        for (RegionReplica r : replicas) {
            Table t = r.database.table(tableName);
            if (t == null) {
                throw new IllegalArgumentException("table '" + tableName + "' does not exist in region " + r.region
                        + "; create it in every region " + regions + " first");
            }
            if (key == null) key = t.definition().key();
            else if (!key.equals(t.definition().key())) {
                throw new IllegalArgumentException("table '" + tableName + "' has key schema " + t.definition().key() + " in region "
                        + r.region + " but " + key + " in " + regions.get(0) + "; a global table needs one key schema");
            }
        }
        stats.computeIfAbsent(tableName, t -> new LagStats());
        globalTables.add(tableName);
    }

    /** The global tables, in name order. */
    public List<String> globalTables() {
        return List.copyOf(new java.util.TreeSet<>(globalTables));
    }

    /**
     * Each replicated item change is delivered after {@code lag} ± a uniform {@code jitter} (never
     * before its commit); applies to changes committed from now on.
     */
    public void setLag(Duration lag, Duration jitter) {
        if (lag == null || jitter == null || lag.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("lag and jitter must be zero or positive, were " + lag + " and " + jitter);
        }
        this.lagMillis = lag.toMillis();
        this.jitterMillis = jitter.toMillis();
    }

    public Duration lag() {
        return Duration.ofMillis(lagMillis);
    }

    public Duration jitter() {
        return Duration.ofMillis(jitterMillis);
    }

    /** Seeds the jitter (a reproducible run). */
    public synchronized void seed(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Replication to and from the region stops; its deliveries wait, in order. Its clients are still served. */
    public void cut(String region) {
        scheduler.setCut(index(region), true);
    }

    /** Delivers what waited for the region, and replicates it again. */
    public void heal(String region) {
        scheduler.setCut(index(region), false);
    }

    public boolean isCut(String region) {
        return scheduler.isCut(index(region));
    }

    /** Keyed by table name (global tables only). */
    public Map<String, TableStats> stats() {
        Map<String, TableStats> out = new LinkedHashMap<>();
        for (Map.Entry<String, LagStats> e : new TreeMap<>(stats).entrySet()) {
            if (globalTables.contains(e.getKey())) out.put(e.getKey(), e.getValue().snapshot());
        }
        return out;
    }

    /** Deliveries not yet applied, held ones included. */
    public long pending() {
        return scheduler.pending();
    }

    /**
     * Waits until every delivery that is due by the engine's clock (on links not cut) has been
     * applied; false if the timeout passed first. With an injected clock: move it, then call this.
     */
    public boolean awaitDue(Duration timeout) throws InterruptedException {
        return scheduler.awaitDue(timeout.toMillis());
    }

    /** Waits until nothing is pending; false if the timeout passed first (e.g. a region is cut). */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        return scheduler.awaitEmpty(timeout.toMillis());
    }

    /** Human-readable differences between the replicas of every global table; empty when they agree. */
    public List<String> differences() {
        Map<String, Database> dbs = new LinkedHashMap<>();
        for (RegionReplica r : replicas) dbs.put(r.region, r.database);
        return Differences.between(dbs, globalTables());
    }

    /** No delivery pending and every global table identical in every region. */
    public boolean converged() {
        return scheduler.pending() == 0 && differences().isEmpty();
    }

    @Override
    public void close() {
        scheduler.close();
    }

    private int index(String region) {
        int i = regions.indexOf(region);
        if (i < 0) throw new IllegalArgumentException("region '" + region + "' is not one of this engine's regions " + regions);
        return i;
    }

    private void send(int source, ItemChange change, Version version, long committedAt) {
        LagStats s = stats.get(change.table());
        for (int target = 0; target < regions.size(); target++) {
            if (target == source) continue;
            long due = committedAt + lagMillis;
            long jitter = jitterMillis;
            if (jitter > 0) {
                synchronized (this) {
                    due += random.nextLong(-jitter, jitter + 1);
                }
            }
            if (s != null) s.queued();
            scheduler.enqueue(new Delivery(sequence.incrementAndGet(), change.table(), change.keys(), change.newImage(),
                    version, source, target, committedAt, Math.max(committedAt, due)));
        }
    }

    private void deliver(Delivery d) {
        LagStats s = stats.get(d.table());
        try {
            replicas.get(d.target()).apply(d, conflicts);
            if (s != null) s.delivered(clock.millis() - d.committedAt());
        } finally {
            if (s != null) s.dequeued();
        }
    }

    private final RegionReplica.ConflictSink conflicts = new RegionReplica.ConflictSink() {
        public List<String> regions() {
            return regions;
        }

        public void lost(String table, ItemKey key, Version version) {
            if (countedLosses.add(table + "\u0000" + key + "\u0000" + version.ts() + "\u0000" + version.region())) {
                LagStats s = stats.get(table);
                if (s != null) s.conflict();
            }
        }
    };
}

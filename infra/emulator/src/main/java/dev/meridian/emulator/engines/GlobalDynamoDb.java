package dev.meridian.emulator.engines;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.replication.Replication;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place the emulator starts and drives the DynamoDB engine in global mode: one replica
 * per region behind one endpoint (each request served by the region of its SigV4 credential
 * scope), replication between them, and its faults (lag, cuts) and measures.
 */
public final class GlobalDynamoDb implements AutoCloseable {

    /** One table's replication, as {@code GET /_local/replication} reports it. */
    public record Stats(long pending, long lagP50Millis, long lagMaxMillis, long lwwConflicts) {
    }

    private final DynamoDbEngine engine;

    private GlobalDynamoDb(DynamoDbEngine engine) {
        this.engine = engine;
    }

    /** In memory, on a free loopback port, one replica per region. */
    public static GlobalDynamoDb start(List<String> regions) {
        return new GlobalDynamoDb(DynamoDbEngine.builder().regions(List.copyOf(regions)).build().start());
    }

    public URI endpoint() {
        return engine.endpoint();
    }

    /** Makes the table (present in every region) global: each replica's writes reach the others. */
    public void replicate(String tableName) {
        engine.replication().replicate(tableName);
    }

    /** Each replicated write arrives {@code lag} ± up to {@code jitter} later, per item. */
    public void lag(Duration lag, Duration jitter) {
        engine.replication().setLag(lag, jitter);
    }

    /** Partitions the region: replication to and from it stops and queues until {@link #heal}. */
    public void cut(String region) {
        if (!engine.replication().isCut(region)) {
            engine.replication().cut(region);
        }
    }

    /** Ends the region's partition: what queued is delivered. */
    public void heal(String region) {
        if (engine.replication().isCut(region)) {
            engine.replication().heal(region);
        }
    }

    public boolean isCut(String region) {
        return engine.replication().isCut(region);
    }

    /** By physical table name. */
    public Map<String, Stats> stats() {
        Map<String, Stats> out = new LinkedHashMap<>();
        engine.replication().stats().forEach((table, s) ->
                out.put(table, new Stats(s.pending(), s.lagP50Millis(), s.lagMaxMillis(), s.lwwConflicts())));
        return out;
    }

    /** What differs between the replicas of the global tables, one line each; empty when converged. */
    public List<String> differences() {
        return engine.replication().differences();
    }

    public boolean converged() {
        return engine.replication().converged();
    }

    @Override
    public void close() {
        engine.close();
    }
}

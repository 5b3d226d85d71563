package dev.meridian.dynamodb.ttl;

import dev.meridian.dynamodb.engine.EngineContext;
import dev.meridian.dynamodb.engine.EnginePlugin;
import dev.meridian.dynamodb.storage.Database;

import java.time.Clock;
import java.time.Duration;

/**
 * Time to live: the UpdateTimeToLive / DescribeTimeToLive operations and the reaper that deletes
 * expired items. When found by ServiceLoader it sweeps every
 * {@code meridian.dynamodb.ttl.sweepMillis} (default 1000) on the engine's clock.
 */
public final class TtlPlugin implements EnginePlugin {

    private final Duration period;
    private final Clock clock;
    private TtlReaper reaper;

    public TtlPlugin() {
        this(Duration.ofMillis(Long.getLong("meridian.dynamodb.ttl.sweepMillis", 1000)), null);
    }

    /**
     * @param period how often to sweep; null: never on its own (a test calls {@link TtlReaper#sweep()})
     * @param clock  the reaper's clock; null: the engine's
     */
    public TtlPlugin(Duration period, Clock clock) {
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("TTL sweep period must be positive, was " + period);
        }
        this.period = period;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void install(EngineContext context) {
        Database db = context.database();
        reaper = new TtlReaper(db, clock != null ? clock : context.clock());
        db.locked(() -> {
            reaper.followExistingTables();
            db.addCatalogListener(reaper);
            db.addWriteListener(reaper);
            return null;
        });
        TimeToLiveApi.registerWith(context.operations());
        if (period != null) {
            reaper.start(period);
        }
    }

    public TtlReaper reaper() {
        return reaper;
    }

    @Override
    public void close() {
        if (reaper != null) {
            reaper.close();
        }
    }
}

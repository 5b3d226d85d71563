package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.durability.DurabilityPlugin;
import dev.meridian.dynamodb.durability.DurablePart;
import dev.meridian.dynamodb.engine.EngineContext;
import dev.meridian.dynamodb.engine.EnginePlugin;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;

import java.io.DataInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Streams for the engine: follows each table's stream setting (CreateTable/UpdateTable
 * StreamSpecification, DeleteTable), records every committed change, serves the
 * {@code DynamoDBStreams_20120810} operations and, with a data directory, keeps its records
 * across restarts. Settings: {@code meridian.dynamodb.streams.rolloverHours} and
 * {@code meridian.dynamodb.streams.rolloverRecords} (system properties) when found by ServiceLoader.
 */
public final class StreamsPlugin implements EnginePlugin {

    private final StreamSettings settings;
    private final Clock clock;
    private StreamStore store;

    /** Found by ServiceLoader: DynamoDB's defaults, rollover from system properties if set. */
    public StreamsPlugin() {
        this(StreamSettings.defaults().withRollover(
                Duration.ofHours(Long.getLong("meridian.dynamodb.streams.rolloverHours", 4)),
                Long.getLong("meridian.dynamodb.streams.rolloverRecords", 100_000)), null);
    }

    /** {@code clock} null: the engine's. */
    public StreamsPlugin(StreamSettings settings, Clock clock) {
        if (settings == null) {
            throw new IllegalArgumentException("stream settings must not be null");
        }
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void install(EngineContext context) {
        Database db = context.database();
        store = new StreamStore(settings, clock != null ? clock : context.clock());
        Runnable register = () -> {
            for (Table t : db.tables().values()) {
                tableChanged(t.name(), t.definition(), t.definition().createdAt());
            }
            db.addCatalogListener(this::tableChanged);
            db.addWriteListener(store);
        };
        DurabilityPlugin durability = DurabilityPlugin.of(db);
        if (durability != null) {
            durability.attach(new Part(), register);
        } else {
            db.locked(() -> {
                register.run();
                return null;
            });
        }
        new StreamsApi(store).registerWith(context.operations());
    }

    /** The streams (tests, and the engine's own stream consumers). */
    public StreamStore store() {
        return store;
    }

    private void tableChanged(String table, TableDefinition definition, long millis) {
        if (definition == null || !definition.streamEnabled()) {
            store.disable(table, millis);
        } else {
            store.enable(table, definition.streamLabel(), keySchema(definition.key()),
                    StreamViewType.parse(definition.streamViewType()), millis);
        }
    }

    static List<KeyElement> keySchema(KeySchema key) {
        List<KeyElement> out = new ArrayList<>(2);
        out.add(new KeyElement(key.hashName(), "HASH"));
        if (key.hasRange()) {
            out.add(new KeyElement(key.rangeName(), "RANGE"));
        }
        return out;
    }

    /** The streams' records in the data directory. */
    private final class Part implements DurablePart {
        public String name() {
            return "streams";
        }

        public SnapshotWriter capture() {
            StreamStore.Snapshot s = store.capture();
            return s::writeTo;
        }

        public void restore(DataInputStream in) throws IOException {
            store.restore(in);
        }

        public void replayCatalog(String table, TableDefinition definition, long epochMillis) {
            tableChanged(table, definition, epochMillis);
        }

        public void replayWrite(List<ItemChange> changes, long epochMillis) {
            store.committed(changes, epochMillis);
        }
    }
}

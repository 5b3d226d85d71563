package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.IndexDefinition;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.Table;
import dev.meridian.dynamodb.storage.TableDefinition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads incrementing counters at once: the stream holds exactly one record per committed
 * change, in an order in which each item's versions follow one another (old image = the previous
 * record's new image), and sequence numbers increase.
 */
class ConcurrentWritesStreamTest {

    private static final int THREADS = 6;
    private static final int PER_THREAD = 400;

    @Test
    void concurrentIncrements_shouldGiveOneRecordEach_inEachItemsOrder() throws Exception {
        // given / when: each increment reads and writes inside one write
        List<StreamRecord> records = run(true);
        // then
        assertThat(records).hasSize(THREADS * PER_THREAD);
        assertThat(violations(records)).isZero();
    }

    @Test
    void negativeControl_readingOutsideTheWrite_theCheckFindsLostUpdates() throws Exception {
        // given / when: the same increments, but each reads the counter before its write (a race)
        List<StreamRecord> records = run(false);
        // then: the same check sees versions that do not follow one another
        assertThat(records).hasSize(THREADS * PER_THREAD);
        assertThat(violations(records)).isPositive();
    }

    /** Runs the increments; returns the stream's records in order. */
    private static List<StreamRecord> run(boolean readInsideTheWrite) throws Exception {
        StreamsPlugin streams = new StreamsPlugin(StreamSettings.defaults(), null);
        try (DynamoDbEngine engine = DynamoDbEngine.builder().discoverPlugins(false).plugin(streams).build().start()) {
            Database db = engine.database();
            db.createTable(new TableDefinition("counters", "id-1", new KeySchema("pk", "S", null, null), Map.of("pk", "S"),
                    List.<IndexDefinition>of(), "PAY_PER_REQUEST", 0, 0, true, "NEW_AND_OLD_IMAGES", "2026-12-01T00:00:00.000",
                    null, false, 0, false));
            Table table = db.table("counters");
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                Thread w = new Thread(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        String pk = "c" + ((seed + i) % 5);
                        var itemKey = table.definition().key().keyOf(Map.of("pk", AttributeValue.s(pk)), true);
                        long outside = -1;
                        if (!readInsideTheWrite) {
                            var stored = table.get(itemKey);
                            outside = stored == null ? 0 : version(stored.item());
                            Thread.yield();
                        }
                        long seen = outside;
                        String writeId = seed + "-" + i; // every write differs, so none is a no-op
                        db.write(ItemChange.Origin.CLIENT, tx -> {
                            long v = seen;
                            if (readInsideTheWrite) {
                                Map<String, AttributeValue> old = tx.get(table, itemKey);
                                v = old == null ? 0 : version(old);
                            }
                            tx.put(table, itemKey, Map.of("pk", AttributeValue.s(pk), "v", AttributeValue.n(v + 1), "w", AttributeValue.s(writeId)));
                            return null;
                        });
                    }
                });
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) w.join();
            Stream stream = streams.store().enabledStream("counters");
            List<StreamRecord> records = new ArrayList<>();
            for (Shard s : stream.shards()) {
                records.addAll(s.read(s.firstRetained(), Integer.MAX_VALUE, Long.MAX_VALUE));
            }
            return records;
        }
    }

    /**
     * Records that break the chain: sequence numbers not increasing, an item's first record not an
     * INSERT of version 1, or a later one whose old image is not the previous new image or whose
     * version is not one more.
     */
    private static int violations(List<StreamRecord> records) {
        int bad = 0;
        Map<String, Long> last = new HashMap<>();
        long previousSeq = -1;
        for (StreamRecord r : records) {
            if (r.sequence() <= previousSeq) bad++;
            previousSeq = r.sequence();
            String pk = ((AttributeValue.S) r.keysMap().get("pk")).value();
            long v = version(r.newImageMap());
            Long before = last.get(pk);
            if (before == null) {
                if (r.event() != StreamRecord.Event.INSERT || v != 1) bad++;
            } else if (r.event() != StreamRecord.Event.MODIFY || version(r.oldImageMap()) != before || v != before + 1) {
                bad++;
            }
            last.put(pk, v);
        }
        return bad;
    }

    private static long version(Map<String, AttributeValue> item) {
        BigDecimal v = ((AttributeValue.N) item.get("v")).value();
        return v.longValueExact();
    }
}

package dev.meridian.dynamodb.durability;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.KeySchema;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.TableDefinition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write whose items carry other hidden timestamps than the write's time (global tables) is
 * logged with them, and recovery restores them; an ordinary write keeps the old entry format.
 */
class VersionedLogEntryTest {

    private static ItemChange put(String pk, long writtenAt) {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.s(pk), "v", AttributeValue.s("x"));
        return new ItemChange("t", Map.of("pk", AttributeValue.s(pk)), null, item, ItemChange.Origin.REPLICATION, writtenAt);
    }

    private static byte[] encode(List<ItemChange> changes, long millis) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogEntries.writeWrite(new DataOutputStream(bytes), changes, new boolean[changes.size()], millis);
        return bytes.toByteArray();
    }

    @Test
    void itemTimestampsSurviveTheLogAndRecovery() throws Exception {
        byte[] entry = encode(List.of(put("a", 1_000), put("b", 2_500)), 2_000);
        assertThat(entry[0]).isEqualTo(LogEntries.VERSIONED_WRITE);
        LogEntries.Write w = (LogEntries.Write) LogEntries.read(entry);
        assertThat(w.changes()).extracting(ItemChange::writtenAt).containsExactly(1_000L, 2_500L);

        Database db = new Database(Clock.systemUTC());
        db.restoreTable(new TableDefinition("t", "id", new KeySchema("pk", "S", null, null), Map.of("pk", "S"), List.of(),
                "PAY_PER_REQUEST", 0, 0, false, null, null, null, false, 0, false));
        Recovery.apply(db, w);
        assertThat(db.table("t").items().values()).extracting(StoredItem::writtenAt).containsExactlyInAnyOrder(1_000L, 2_500L);
    }

    @Test
    void anOrdinaryWriteKeepsTheOldFormat() throws Exception {
        byte[] entry = encode(List.of(put("a", 2_000), put("b", 0)), 2_000);
        assertThat(entry[0]).isEqualTo(LogEntries.WRITE);
        LogEntries.Write w = (LogEntries.Write) LogEntries.read(entry);
        assertThat(w.changes()).extracting(ItemChange::writtenAt).containsExactly(2_000L, 2_000L);
    }
}

package dev.meridian.dynamodb.storage;

import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the write listeners (durability, streams) see, and what a failing listener does. */
class WriteListenerTest {

    private Database db;
    private Table table;
    private final List<List<ItemChange>> seen = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = new Database(Clock.systemUTC());
        table = db.createTable(new TableDefinition("t", UUID.randomUUID().toString(), new KeySchema("pk", "S", null, null),
                Map.of("pk", "S"), List.of(), "PAY_PER_REQUEST", 0, 0, false, null, null, null, false, 0, false));
        db.addWriteListener((changes, millis) -> seen.add(changes));
    }

    private static Map<String, AttributeValue> item(String pk, long v) {
        return Map.of("pk", new AttributeValue.S(pk), "v", new AttributeValue.N(java.math.BigDecimal.valueOf(v)));
    }

    private void put(Map<String, AttributeValue> item) {
        db.write(ItemChange.Origin.CLIENT, tx -> {
            tx.put(table, ItemKey.of(item.get("pk"), null), item);
            return null;
        });
    }

    @Test
    void write_shouldAnnounceOldAndNewImages_inCommitOrder() {
        put(item("a", 1));
        put(item("a", 2));
        db.write(ItemChange.Origin.TTL, tx -> {
            tx.delete(table, ItemKey.of(new AttributeValue.S("a"), null));
            return null;
        });
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).get(0).oldImage()).isNull();
        assertThat(seen.get(0).get(0).newImage()).isEqualTo(item("a", 1));
        assertThat(seen.get(1).get(0).oldImage()).isEqualTo(item("a", 1));
        assertThat(seen.get(1).get(0).newImage()).isEqualTo(item("a", 2));
        assertThat(seen.get(2).get(0).newImage()).isNull();
        assertThat(seen.get(2).get(0).origin()).isEqualTo(ItemChange.Origin.TTL);
        assertThat(seen.get(2).get(0).keys()).isEqualTo(Map.of("pk", new AttributeValue.S("a")));
    }

    @Test
    void write_shouldAnnounceNothing_whenItemIsRewrittenUnchanged() {
        put(item("b", 1));
        put(item("b", 1));
        assertThat(seen).hasSize(1);
    }

    @Test
    void write_shouldAnnounceAllItemsOfOneTransactionAtOnce() {
        db.write(ItemChange.Origin.CLIENT, tx -> {
            tx.put(table, ItemKey.of(new AttributeValue.S("c"), null), item("c", 1));
            tx.put(table, ItemKey.of(new AttributeValue.S("d"), null), item("d", 1));
            return null;
        });
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).extracting(c -> c.keys().get("pk")).containsExactly(new AttributeValue.S("c"), new AttributeValue.S("d"));
    }

    @Test
    void write_shouldChangeNothing_whenBodyOrListenerThrows() {
        put(item("e", 1));
        assertThatThrownBy(() -> db.write(ItemChange.Origin.CLIENT, tx -> {
            tx.put(table, ItemKey.of(new AttributeValue.S("e"), null), item("e", 2));
            throw new IllegalStateException("condition failed");
        })).hasMessage("condition failed");
        db.addWriteListener((changes, millis) -> {
            throw new IllegalStateException("disk full");
        });
        assertThatThrownBy(() -> put(item("e", 3))).hasMessage("disk full");
        assertThat(table.get(ItemKey.of(new AttributeValue.S("e"), null)).item()).isEqualTo(item("e", 1));
        assertThat(table.itemCount()).isEqualTo(1);
    }
}

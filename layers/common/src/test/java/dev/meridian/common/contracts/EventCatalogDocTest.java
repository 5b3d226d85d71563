package dev.meridian.common.contracts;

import dev.meridian.testkit.EventCatalog;
import dev.meridian.testkit.EventContracts;
import dev.meridian.testkit.RepoFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/events.md} shows the table rendered from {@code events/schemas/}. Run with
 * {@code -Dmeridian.events.write=true} to rewrite the table after changing a schema.
 */
class EventCatalogDocTest {

    @Test
    void eventsDoc_shouldShowTheTableTheSchemasDescribe() throws IOException {
        Path doc = RepoFiles.resolve("docs/events.md");
        String text = Files.readString(doc);
        String table = EventCatalog.render(EventContracts.load());
        if (Boolean.getBoolean("meridian.events.write")) {
            Files.writeString(doc, EventCatalog.withTable(text, table));
            text = Files.readString(doc);
        }
        assertThat(text).as("docs/events.md against events/schemas (rewrite with -Dmeridian.events.write=true)")
                .contains(table);
    }

    @Test
    void render_shouldChange_whenASchemaChanges() {
        // negative control: the check compares content, so a different table would fail it
        String table = EventCatalog.render(EventContracts.load());
        assertThat(table).contains("| meridian.orders | `PaymentRequested` | `orderId, amount, currency, paymentToken` |");
        assertThat(table).contains("`orderId, reason: \"OUT_OF_STOCK\", skus`");
        assertThat(EventCatalog.withTable("a\n" + EventCatalog.BEGIN + "\nold\n" + EventCatalog.END + "\nb\n", table))
                .isEqualTo("a\n" + table + "b\n");
    }
}

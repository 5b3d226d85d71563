package dev.meridian.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The event contracts of {@code events/schemas/}: one JSON Schema per event type (the
 * EventBridge event: {@code source}, {@code detail-type}, {@code detail}), all sharing
 * {@code envelope.schema.json}. Tests hold fixtures and the events services really emit to them.
 */
public final class EventContracts {

    /** The {@code $id} prefix of every Meridian schema. */
    public static final String ID_PREFIX = "https://meridian.dev/events/schemas/";
    public static final String ENVELOPE = "envelope.schema.json";
    private static final Pattern DETAIL_TYPE = Pattern.compile("\"detail-type\"\\s*:\\s*\"([A-Za-z]+)\"");

    private static volatile EventContracts loaded;

    private final Map<String, String> schemaTexts;
    private final SchemaRegistry registry;

    private EventContracts(Map<String, String> schemaTexts) {
        this.schemaTexts = schemaTexts;
        Map<String, String> byId = new TreeMap<>();
        schemaTexts.forEach((file, text) -> byId.put(ID_PREFIX + file, text));
        // the catalog's own annotations (docs/events.md is rendered from them) do not validate anything
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new NonValidationKeyword("x-catalog-position"))
                .keyword(new NonValidationKeyword("x-emitted-when"))
                .keyword(new NonValidationKeyword("x-consumed-by"))
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, b -> b.schemas(byId));
    }

    /** The schemas of this repository's {@code events/schemas/}. */
    public static EventContracts load() {
        if (loaded == null) {
            synchronized (EventContracts.class) {
                if (loaded == null) {
                    loaded = new EventContracts(read(schemasDir()));
                }
            }
        }
        return loaded;
    }

    public static Path schemasDir() {
        return RepoFiles.resolve("events/schemas");
    }

    /** The schema file of a detail-type: its kebab-case, {@code OrderPlaced} → {@code order-placed.schema.json}. */
    public static String schemaFile(String detailType) {
        return detailType.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".schema.json";
    }

    /** Schema file name → its text, every file but the shared envelope. */
    public Map<String, String> eventSchemas() {
        Map<String, String> out = new TreeMap<>(schemaTexts);
        out.remove(ENVELOPE);
        return out;
    }

    /**
     * What is wrong with {@code eventBridgeEvent} (JSON with {@code source}, {@code detail-type},
     * {@code detail}) against the schema of its detail-type; empty when it conforms.
     */
    public List<String> violations(String eventBridgeEvent) {
        Matcher m = DETAIL_TYPE.matcher(eventBridgeEvent);
        if (!m.find()) {
            return List.of("no detail-type in the event");
        }
        String file = schemaFile(m.group(1));
        if (!schemaTexts.containsKey(file)) {
            return List.of("no schema events/schemas/" + file + " for detail-type " + m.group(1));
        }
        Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + file));
        List<String> out = new ArrayList<>();
        for (Error error : schema.validate(eventBridgeEvent, InputFormat.JSON)) {
            out.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
        return out;
    }

    /** Fails with every violation when {@code eventBridgeEvent} does not conform to its schema. */
    public void assertConforms(String eventBridgeEvent) {
        List<String> violations = violations(eventBridgeEvent);
        if (!violations.isEmpty()) {
            throw new AssertionError("event does not conform to its schema: " + violations + "\nevent: " + eventBridgeEvent);
        }
    }

    /**
     * Fails unless the outbox item (attributes {@code source}, {@code detailType}, {@code detail})
     * carries an event that conforms to its schema: what the services really emit.
     */
    public void assertOutboxItemConforms(Map<String, AttributeValue> item) {
        assertConforms(eventBridgeJson(item.get("source").s(), item.get("detailType").s(), item.get("detail").s()));
    }

    /** The EventBridge event that carries an outbox item's parts (what the outbox publisher sends). */
    public static String eventBridgeJson(String source, String detailType, String detailJson) {
        return "{\"source\":\"" + source + "\",\"detail-type\":\"" + detailType + "\",\"detail\":" + detailJson + "}";
    }

    private static Map<String, String> read(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).toList()) {
                out.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event schemas in " + dir, e);
        }
        if (!out.containsKey(ENVELOPE)) {
            throw new IllegalStateException(dir + " has no " + ENVELOPE);
        }
        return out;
    }
}

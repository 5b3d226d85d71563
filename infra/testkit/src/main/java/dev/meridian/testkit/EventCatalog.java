package dev.meridian.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The event table of {@code docs/events.md}, rendered from the schemas of {@code events/schemas/}:
 * one row per event type (source, detail-type, the data fields, when it is emitted, who consumes
 * it). The documentation test holds the file to this rendering, so the two cannot disagree.
 */
public final class EventCatalog {

    /** The markers around the generated table in {@code docs/events.md}. */
    public static final String BEGIN = "<!-- BEGIN event table: generated from events/schemas by EventCatalog; do not edit by hand -->";
    public static final String END = "<!-- END event table -->";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private EventCatalog() {
    }

    /** The table, with its markers. */
    public static String render(EventContracts contracts) {
        List<JsonNode> schemas = new ArrayList<>();
        contracts.eventSchemas().values().forEach(text -> schemas.add(MAPPER.readTree(text)));
        schemas.sort(Comparator.comparingInt(s -> s.path("x-catalog-position").asInt(Integer.MAX_VALUE)));
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        out.append("| source | detail-type | data | emitted when | consumed by |\n");
        out.append("|---|---|---|---|---|\n");
        for (JsonNode schema : schemas) {
            JsonNode properties = schema.path("properties");
            out.append("| ").append(properties.path("source").path("const").asString())
                    .append(" | `").append(properties.path("detail-type").path("const").asString())
                    .append("` | `").append(dataFields(properties.path("detail").path("properties").path("data")))
                    .append("` | ").append(schema.path("x-emitted-when").asString())
                    .append(" | ").append(schema.path("x-consumed-by").asString())
                    .append(" |\n");
        }
        return out.append(END).append('\n').toString();
    }

    /** {@code orderId, reason: "OUT_OF_STOCK", skus}: the fields in order, a constant shown with its value. */
    static String dataFields(JsonNode data) {
        List<String> fields = new ArrayList<>();
        for (var field : data.path("properties").properties()) {
            JsonNode constant = field.getValue().get("const");
            fields.add(constant == null ? field.getKey() : field.getKey() + ": \"" + constant.asString() + "\"");
        }
        return String.join(", ", fields);
    }

    /** {@code document} with its generated table replaced by {@code table}. */
    public static String withTable(String document, String table) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no generated event table (markers " + BEGIN + " ... " + END + ")");
        }
        return document.substring(0, begin) + table + document.substring(end + END.length() + 1);
    }
}

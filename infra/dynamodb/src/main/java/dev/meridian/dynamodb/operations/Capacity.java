package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ReturnConsumedCapacity: units computed from item sizes (reads: 1 per 4 KB strongly
 * consistent, half that eventually consistent; writes: 1 per 1 KB; transactions twice that).
 */
final class Capacity {

    static final List<String> MODES = List.of("INDEXES", "TOTAL", "NONE");

    private final String mode;
    private final Map<String, double[]> tables = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> gsis = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> lsis = new LinkedHashMap<>();

    Capacity(JsonNode request) {
        this.mode = Requests.choice(request, "ReturnConsumedCapacity", "returnConsumedCapacity", MODES, "NONE");
    }

    boolean wanted() {
        return !"NONE".equals(mode);
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    void table(String table, double units, boolean read) {
        double[] u = tables.computeIfAbsent(table, t -> new double[3]);
        u[0] += units;
        u[read ? 1 : 2] += units;
    }

    void index(String table, String index, boolean global, double units) {
        (global ? gsis : lsis).computeIfAbsent(table, t -> new LinkedHashMap<>()).merge(index, units, Double::sum);
        tables.computeIfAbsent(table, t -> new double[3]);
    }

    /** Adds ConsumedCapacity (one table) to a response. */
    void putSingle(ObjectNode response) {
        if (!wanted() || tables.isEmpty()) return;
        String t = tables.keySet().iterator().next();
        response.set("ConsumedCapacity", node(t));
    }

    /** Adds ConsumedCapacity as a list (batch and transaction operations). */
    void putList(ObjectNode response) {
        if (!wanted()) return;
        ArrayNode a = response.putArray("ConsumedCapacity");
        for (String t : tables.keySet()) a.add(node(t));
    }

    private ObjectNode node(String table) {
        double[] u = tables.get(table);
        double indexTotal = 0;
        ObjectNode n = Json.object();
        n.put("TableName", table);
        Map<String, Double> g = gsis.getOrDefault(table, Map.of());
        Map<String, Double> l = lsis.getOrDefault(table, Map.of());
        for (double d : g.values()) indexTotal += d;
        for (double d : l.values()) indexTotal += d;
        n.put("CapacityUnits", u[0] + indexTotal);
        if (u[1] > 0) n.put("ReadCapacityUnits", u[1]);
        if (u[2] > 0) n.put("WriteCapacityUnits", u[2]);
        if ("INDEXES".equals(mode)) {
            n.putObject("Table").put("CapacityUnits", u[0]);
            if (!g.isEmpty()) {
                ObjectNode gn = n.putObject("GlobalSecondaryIndexes");
                g.forEach((k, v) -> gn.putObject(k).put("CapacityUnits", v));
            }
            if (!l.isEmpty()) {
                ObjectNode ln = n.putObject("LocalSecondaryIndexes");
                l.forEach((k, v) -> ln.putObject(k).put("CapacityUnits", v));
            }
        }
        return n;
    }
}

package dev.meridian.emulator.regions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.engines.GlobalDynamoDb;
import dev.meridian.emulator.http.LocalResponse;
import dev.meridian.emulator.http.LocalRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regions' states and the {@code /_local} routes that change and show them, served on every
 * region's port:
 * <ul>
 *   <li>{@code GET /_local/regions}: {@code [{"region","port","state"}]}, state {@code up | cut | down};</li>
 *   <li>{@code POST /_local/regions/{region}/cut}: replication to and from the region stops and queues; it keeps serving;</li>
 *   <li>{@code POST /_local/regions/{region}/down}: cut, and its API answers 503 on every route but {@code /_local/*},
 *       its SQS and stream consumers and its schedules stop;</li>
 *   <li>{@code POST /_local/regions/{region}/heal}: back up; what queued is delivered;</li>
 *   <li>{@code GET /_local/replication}: per global table, by template logical id: pending, lag p50 and max, lwwConflicts;</li>
 *   <li>{@code GET /_local/converged}: {@code {"converged", "differences"}} across every global table's replicas.</li>
 * </ul>
 */
public final class RegionControl {

    private static final Logger LOG = LoggerFactory.getLogger("regions");
    private static final String PREFIX = "/_local/regions/";

    private final List<RegionStack> regions;
    private final Map<String, RegionState> states = new LinkedHashMap<>();
    private final GlobalDynamoDb dynamo;
    /** Logical id to physical name. */
    private final Map<String, String> globalTables;

    RegionControl(List<RegionStack> regions, GlobalDynamoDb dynamo, Map<String, String> globalTables) {
        this.regions = List.copyOf(regions);
        this.dynamo = dynamo;
        this.globalTables = Map.copyOf(globalTables);
        regions.forEach(r -> states.put(r.name(), RegionState.UP));
    }

    void registerRoutes(LocalRoutes routes) {
        routes.addView("GET /_local/regions", this::regionsJson);
        routes.addPrefix("POST " + PREFIX, request -> {
            String rest = request.path().substring(PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
                return LocalResponse.message(404, "expected POST /_local/regions/{region}/cut|down|heal, got " + request.path());
            }
            return change(rest.substring(0, slash), rest.substring(slash + 1));
        });
        routes.addView("GET /_local/replication", this::replicationJson);
        routes.addView("GET /_local/converged", this::convergedJson);
    }

    /** The template logical ids of the global tables, in template order. */
    public List<String> globalTableIds() {
        return globalTables.keySet().stream().sorted().toList();
    }

    public synchronized RegionState state(String region) {
        RegionState s = states.get(region);
        if (s == null) {
            throw new IllegalArgumentException(unknown(region));
        }
        return s;
    }

    /** Partitions the region from the others' replication; it keeps serving its clients. */
    public void cut(String region) {
        apply(region, "cut");
    }

    /** Takes the region down (cut, 503 on its API, consumers and schedules stopped). */
    public void down(String region) {
        apply(region, "down");
    }

    /** Brings the region back up: serving, consuming and replicating. */
    public void heal(String region) {
        apply(region, "heal");
    }

    private void apply(String region, String action) {
        LocalResponse r = change(region, action);
        if (r.status() != 200) {
            throw new IllegalArgumentException(Json.parseTrusted(r.json()).path("message").asText());
        }
    }

    private synchronized LocalResponse change(String region, String action) {
        RegionState before = states.get(region);
        if (before == null) {
            return LocalResponse.message(404, unknown(region));
        }
        RegionStack stack = regions.stream().filter(r -> r.name().equals(region)).findFirst().orElseThrow();
        RegionState after;
        switch (action) {
            case "cut" -> {
                if (before == RegionState.DOWN) {
                    return LocalResponse.message(409, region + " is down; heal it before cutting it");
                }
                dynamo.cut(region);
                after = RegionState.CUT;
            }
            case "down" -> {
                dynamo.cut(region);
                stack.stack().down(true);
                after = RegionState.DOWN;
            }
            case "heal" -> {
                stack.stack().down(false);
                dynamo.heal(region);
                after = RegionState.UP;
            }
            default -> {
                return LocalResponse.message(404, "unknown region action '" + action + "'; expected cut, down or heal");
            }
        }
        states.put(region, after);
        if (before != after) {
            LOG.info("region {}: {} -> {}", region, before.label(), after.label());
        }
        ObjectNode body = regionJson(stack, after);
        body.put("previous", before.label());
        return LocalResponse.json(200, Json.write(body));
    }

    private String unknown(String region) {
        return "no region '" + region + "' in this run; regions: " + String.join(", ", regions.stream().map(RegionStack::name).toList());
    }

    private synchronized String regionsJson() {
        ArrayNode out = Json.array();
        regions.forEach(r -> out.add(regionJson(r, states.get(r.name()))));
        return Json.write(out);
    }

    private static ObjectNode regionJson(RegionStack r, RegionState state) {
        ObjectNode o = Json.object();
        o.put("region", r.name());
        o.put("port", r.port());
        o.put("state", state.label());
        return o;
    }

    private String replicationJson() {
        Map<String, GlobalDynamoDb.Stats> byName = dynamo.stats();
        ObjectNode out = Json.object();
        for (String id : globalTableIds()) {
            String name = globalTables.get(id);
            GlobalDynamoDb.Stats s = byName.getOrDefault(name, new GlobalDynamoDb.Stats(0, 0, 0, 0));
            ObjectNode t = out.putObject(id);
            t.put("tableName", name);
            t.put("pending", s.pending());
            t.put("lagP50Ms", s.lagP50Millis());
            t.put("lagMaxMs", s.lagMaxMillis());
            t.put("lwwConflicts", s.lwwConflicts());
        }
        return Json.write(out);
    }

    private String convergedJson() {
        List<String> differences = new ArrayList<>(dynamo.differences());
        ObjectNode out = Json.object();
        out.put("converged", differences.isEmpty() && dynamo.converged());
        ArrayNode d = out.putArray("differences");
        differences.forEach(d::add);
        return Json.write(out);
    }
}

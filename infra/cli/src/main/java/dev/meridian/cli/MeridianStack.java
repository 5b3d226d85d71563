package dev.meridian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.Emulator;
import dev.meridian.emulator.EmulatorOptions;
import dev.meridian.emulator.StackExtension;
import dev.meridian.emulator.chaos.ChaosSpec;
import dev.meridian.emulator.chaos.Fault;
import dev.meridian.emulator.http.LocalRoutes;
import dev.meridian.emulator.template.StackModel;
import dev.meridian.payments.adapters.SandboxLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meridian plugged into the generic emulator: the payment ledger view ({@code GET /_local/payments}),
 * the ledger tables as the slow-table fault's target ({@code --chaos slow-payment}), and the order
 * ids that dead-lettered events name ({@code GET /_local/queues}).
 */
public final class MeridianStack implements StackExtension {

    /** What {@code AWS::StackName} resolves to unless {@code --stack-name} says otherwise. */
    public static final String STACK_NAME = "meridian-local";
    /** The environment variable through which the template gives the sandbox payment gateway its ledger table. */
    static final String LEDGER_TABLE_VARIABLE = "SANDBOX_LEDGER_TABLE";
    /** Meridian's name for the slow-table fault: the slow tables are the payment gateway's. */
    public static final Map<Fault, String> FAULT_NAMES = Map.of(Fault.SLOW_TABLE, "slow-payment");

    /** Emulator options with Meridian's stack name and this extension; the caller adds template, port and the rest. */
    public static EmulatorOptions.Builder options() {
        return EmulatorOptions.builder().stackName(STACK_NAME).extension(new MeridianStack());
    }

    /**
     * Each region's parameters in {@code ./meridian local --regions}: the template creates the
     * global tables and the user pool in its {@code PrimaryRegion} only and has the other regions
     * use their replicas by name; locally one engine holds every region's replica and one issuer
     * stands for the user pool, so each region's stack is evaluated as the owner of its own
     * replicas ({@code PrimaryRegion} = the region, {@code ReplicaRegions} = the others).
     */
    public static Map<String, String> regionParameters(String region, List<String> regions) {
        return Map.of("PrimaryRegion", region,
                "ReplicaRegions", String.join(",", regions.stream().filter(r -> !r.equals(region)).toList()));
    }

    /** {@code --chaos} with Meridian's fault names ({@code slow-payment}, {@code slow-payment-ms}). */
    public static ChaosSpec parseChaos(String text, long seed) {
        return ChaosSpec.parse(text, seed, FAULT_NAMES);
    }

    /** {@code template.yaml} in the working directory, else at the repository root ({@code -Dmeridian.root}, set by ./meridian). */
    public static Path defaultTemplate() {
        Path here = Path.of("template.yaml");
        String root = System.getProperty("meridian.root");
        if (!Files.exists(here) && root != null && Files.exists(Path.of(root, "template.yaml"))) {
            return Path.of(root, "template.yaml");
        }
        return here;
    }

/**
     * The stack a run without {@code --target} places its orders on: Meridian's template with fast retries
     * (FunctionTimeout=2, QueueVisibilityTimeout=2) and the run's faults, if any.
     */
    public static Emulator startForLoad(Path template, ChaosSpec chaos, PrintStream err) {
        err.println("meridian load: starting a local stack (FunctionTimeout=2, QueueVisibilityTimeout=2"
                + (chaos == null ? "" : ", chaos " + chaos.toFlag() + " seed " + chaos.seed()) + ")");
        PrintStream stdout = System.out;
        System.setOut(err); // the DynamoDB engine prints its banner on stdout: keep stdout for the summary (--json)
        try {
            return Emulator.start(MeridianStack.options().template(template).anyFreePort()
                    .parameter("FunctionTimeout", "2")
                    .parameter("QueueVisibilityTimeout", "2")
                    .chaos(chaos)
                    .build());
        } finally {
            System.setOut(stdout);
        }
    }

    @Override
    public Set<String> slowTables(StackModel model) {
        Set<String> out = new LinkedHashSet<>();
        model.functions().values().forEach(f -> {
            String t = f.environment().get(LEDGER_TABLE_VARIABLE);
            if (t != null) {
                out.add(t);
            }
        });
        return out;
    }

    @Override
    public void addLocalRoutes(LocalRoutes routes, StackModel model, DynamoDbClient dynamoDb) {
        Set<String> tables = slowTables(model);
        routes.addView("GET /_local/payments", () -> Json.write(tables.isEmpty() ? emptyLedger()
                : new SandboxLedger(dynamoDb, tables.iterator().next()).toJson()));
    }

    @Override
    public MessageIds deadLetterIds() {
        return new MessageIds("orderIds", MeridianStack::orderId);
    }

    private static ObjectNode emptyLedger() {
        ObjectNode none = Json.object();
        none.putArray("entries");
        none.putObject("orders");
        return none;
    }

    /** The order a Meridian event names: {@code detail.data.orderId}, else its correlation id; null for anything else. */
    static String orderId(String body) {
        try {
            JsonNode event = Json.parseTrusted(body);
            JsonNode id = event.path("detail").path("data").path("orderId");
            if (id.isTextual()) {
                return id.asText();
            }
            JsonNode correlation = event.path("detail").path("correlationId");
            return correlation.isTextual() ? correlation.asText() : null;
        } catch (RuntimeException notAnEvent) {
            return null;
        }
    }
}

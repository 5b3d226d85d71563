package dev.meridian.emulator;

import dev.meridian.emulator.sqs.SqsEventSourceMapping;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;

import java.io.PrintStream;
import java.util.List;

/** What {@code Emulator#printBanner} prints: where everything listens and what runs. */
final class Banner {

    private Banner() {
    }

    static void print(Emulator stack, List<SqsEventSourceMapping> sqsMappings, String startupPhases, String program, PrintStream out) {
        StackModel model = stack.model();
        String baseUrl = stack.baseUrl();
        out.println(program + ": stack " + model.stackName() + " (" + model.region() + ")");
        out.println("  HTTP API         " + baseUrl);
        for (Specs.Route r : model.routes()) {
            out.println("    " + pad(r.routeKey(), 36) + " -> " + r.functionLogicalId() + (r.authorizer() == null ? "  (public)" : "  (JWT " + r.authorizer() + ")"));
        }
        out.println("  JWT issuer       " + stack.issuerUrl() + "  (JWKS " + stack.issuerUrl() + "/.well-known/jwks.json, audience " + StackModel.LOCAL_CLIENT_ID + ")");
        out.println("  DynamoDB         " + stack.dynamoDbEndpoint() + "  tables: " + String.join(", ", model.tables().values().stream().map(Specs.Table::tableName).toList()));
        out.println("  SQS (ElasticMQ)  " + stack.sqsEndpoint() + "  queues: " + String.join(", ", model.queues().values().stream().map(Specs.Queue::queueName).toList()));
        out.println("  EventBridge      " + stack.eventBridgeEndpoint() + "  rules: " + String.join(", ", model.rules().stream().map(Specs.Rule::logicalId).toList()));
        sqsMappings.forEach(m -> {
            Specs.SqsSource s = m.source();
            out.println("  SQS mapping      " + s.queueLogicalId() + " -> " + s.functionLogicalId()
                    + " (batch " + s.batchSize() + ", window " + s.batchingWindowSeconds() + " s" + (s.reportBatchItemFailures() ? ", partial failures" : "")
                    + ", " + m.concurrentBatches() + " concurrent batches)");
        });
        model.streamSources().forEach(s -> out.println("  stream mapping   " + s.tableLogicalId() + " -> " + s.functionLogicalId()
                + " (" + s.startingPosition() + ", batch " + s.batchSize() + (s.filterPatterns().isEmpty() ? "" : ", filter " + String.join(" | ", s.filterPatterns())) + ")"));
        model.schedules().forEach(s -> out.println("  schedule         " + s.expression() + " -> " + s.functionLogicalId()
                + (s.rate() == null ? " (disabled)" : "") + "  (now: POST " + baseUrl + "/_local/schedules/" + s.functionLogicalId() + ")"));
        model.notEmulated().forEach(n -> out.println("  not emulated locally: " + n));
        model.notices().forEach(n -> out.println("  note: " + n));
        stack.chaos().ifPresent(chaos -> out.println("  CHAOS            " + chaos.spec().toFlag() + " (seed " + chaos.spec().seed()
                + "; counts: GET " + baseUrl + "/_local/chaos)"));
        out.println("ready in " + stack.startupTime().toMillis() + " ms (" + startupPhases + ")");
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

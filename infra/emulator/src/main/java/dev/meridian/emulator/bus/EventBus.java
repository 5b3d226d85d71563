package dev.meridian.emulator.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.event.ruler.Machine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * The stack's EventBridge buses: rules and patterns from the template, matched with AWS's
 * event-ruler, delivering the full EventBridge event to each matching rule's targets
 * (SQS queues in ElasticMQ, or functions invoked asynchronously).
 */
public final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger("bus");

    private final StackModel model;
    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private final Map<String, LocalFunction> functions;
    private final ExecutorService async;
    private final Map<String, Machine> machines = new HashMap<>();
    private final Map<String, Specs.Rule> rules = new HashMap<>();
    private final Map<String, Specs.FunctionRule> functionRules = new HashMap<>();

    /**
     * @param queueUrls queue logical id → URL in ElasticMQ
     * @param functions function logical id → function
     */
    public EventBus(StackModel model, SqsClient sqs, Map<String, String> queueUrls, Map<String, LocalFunction> functions,
                    ExecutorService async) {
        this.model = model;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.functions = functions;
        this.async = async;
        machines.put("default", Machine.builder().build());
        model.buses().values().forEach(b -> machines.put(b.name(), Machine.builder().build()));
        for (Specs.Rule rule : model.rules()) {
            String key = "rule:" + rule.logicalId();
            addRule(rule.busName(), key, rule.patternJson(), rule.logicalId());
            for (Specs.Target t : rule.targets()) {
                checkInputPath(t.inputPath(), rule.logicalId());
            }
            rules.put(key, rule);
        }
        for (Specs.FunctionRule rule : model.functionRules()) {
            String key = "fn:" + rule.functionLogicalId() + ":" + rule.eventName();
            addRule(rule.busName(), key, rule.patternJson(), rule.functionLogicalId() + " event " + rule.eventName());
            checkInputPath(rule.inputPath(), rule.functionLogicalId());
            functionRules.put(key, rule);
        }
    }

    private void addRule(String bus, String key, String pattern, String where) {
        Machine machine = machines.get(bus);
        if (machine == null) {
            throw new IllegalStateException(where + ": EventBusName " + bus + " is not a bus of this template");
        }
        try {
            machine.addRule(key, pattern);
        } catch (Exception e) {
            throw new IllegalStateException(where + ": EventPattern is not a valid event pattern: " + e.getMessage(), e);
        }
    }

    private static void checkInputPath(String path, String where) {
        if (path != null && !path.matches("\\$(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalStateException(where + ": InputPath " + path + " (only $.a.b paths are supported)");
        }
    }

    public boolean hasBus(String name) {
        return machines.containsKey(name);
    }

    /** Builds the EventBridge event from a PutEvents entry (already validated). */
    public ObjectNode event(String source, String detailType, JsonNode detail, Instant time, List<String> resources) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", detailType);
        event.put("source", source);
        event.put("account", StackModel.ACCOUNT_ID);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", model.region());
        var array = event.putArray("resources");
        resources.forEach(array::add);
        event.set("detail", detail);
        return event;
    }

    /** One event to deliver on one bus. */
    public record Delivery(String busName, ObjectNode event) {
    }

    /** Matches the event against the bus's rules and delivers it to every matching target. */
    public List<String> deliver(String busName, ObjectNode event) {
        return deliverAll(List.of(new Delivery(busName, event))).get(0);
    }

    /**
     * Matches every event against its bus's rules and delivers it to every matching target:
     * functions are invoked asynchronously at once; messages for queues are sent in
     * {@code SendMessageBatch} calls, one queue at a time, in the order of the events (as
     * EventBridge fans a {@code PutEvents} request out to its targets). A failed send
     * fails the whole request, and the caller's retry may deliver some events twice:
     * at least once, as EventBridge.
     *
     * @return per event, the rule → target pairs it was delivered to
     */
    public List<List<String>> deliverAll(List<Delivery> deliveries) {
        Map<String, List<Outgoing>> byQueue = new LinkedHashMap<>();
        List<List<String>> deliveredPerEvent = new ArrayList<>();
        for (Delivery d : deliveries) {
            ObjectNode event = d.event();
            Machine machine = machines.get(d.busName());
            List<String> matched;
            try {
                matched = machine.rulesForJSONEvent(event);
            } catch (RuntimeException e) {
                throw new IllegalStateException("event-ruler could not match an event: " + e.getMessage(), e);
            }
            List<String> delivered = new ArrayList<>();
            for (String key : matched) {
                Specs.Rule rule = rules.get(key);
                if (rule != null) {
                    for (Specs.Target target : rule.targets()) {
                        String payload = payload(event, target.input(), target.inputPath());
                        if (target.queueLogicalId() != null) {
                            byQueue.computeIfAbsent(target.queueLogicalId(), q -> new ArrayList<>()).add(new Outgoing(target, event, payload));
                            delivered.add(rule.logicalId() + "->" + target.queueLogicalId());
                        } else {
                            invokeAsync(target.functionLogicalId(), payload, "rule " + rule.logicalId());
                            delivered.add(rule.logicalId() + "->" + target.functionLogicalId());
                        }
                    }
                }
                Specs.FunctionRule fnRule = functionRules.get(key);
                if (fnRule != null) {
                    invokeAsync(fnRule.functionLogicalId(), payload(event, fnRule.input(), fnRule.inputPath()),
                            "rule " + fnRule.eventName());
                    delivered.add(fnRule.eventName() + "->" + fnRule.functionLogicalId());
                }
            }
            deliveredPerEvent.add(delivered);
        }
        byQueue.forEach(this::send);
        for (int i = 0; i < deliveries.size(); i++) {
            ObjectNode event = deliveries.get(i).event();
            List<String> delivered = deliveredPerEvent.get(i);
            LOG.info("{} {} from {} -> {}", deliveries.get(i).busName(), event.path("detail-type").asText(), event.path("source").asText(),
                    delivered.isEmpty() ? "no matching rule" : String.join(", ", delivered));
        }
        return deliveredPerEvent;
    }

    /** A message on its way to a queue. */
    private record Outgoing(Specs.Target target, ObjectNode event, String payload) {
    }

    /** SQS limits a batch to 10 messages and 256 KiB in all. */
    private static final int BATCH_ENTRIES = 10;
    private static final int BATCH_BYTES = 256 * 1024;

    private void send(String queueLogicalId, List<Outgoing> messages) {
        Specs.Queue queue = model.queues().get(queueLogicalId);
        String url = queueUrls.get(queueLogicalId);
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        int bytes = 0;
        for (Outgoing m : messages) {
            int size = m.payload().getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && (batch.size() == BATCH_ENTRIES || bytes + size > BATCH_BYTES)) {
                sendBatch(queueLogicalId, url, batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(batch.size()))
                    .messageBody(m.payload());
            if (queue.fifo()) {
                entry.messageGroupId(m.target().messageGroupId() != null ? m.target().messageGroupId() : "default");
                entry.messageDeduplicationId(m.event().path("id").asText());
            }
            batch.add(entry.build());
            bytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(queueLogicalId, url, batch);
        }
    }

    private void sendBatch(String queueLogicalId, String url, List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            var first = response.failed().get(0);
            throw new IllegalStateException("queue " + queueLogicalId + " refused " + response.failed().size() + " of " + entries.size()
                    + " messages (" + first.code() + ": " + first.message() + ")");
        }
    }

    private void invokeAsync(String functionLogicalId, String payload, String source) {
        LocalFunction function = functions.get(functionLogicalId);
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        async.submit(() -> {
            // asynchronous invocation: Lambda retries twice on error
            for (int attempt = 1; attempt <= 3; attempt++) {
                if (function.invoke(bytes, source + " (async, attempt " + attempt + ")").ok()) {
                    return;
                }
            }
            LOG.warn("{}: asynchronous invocation from {} failed 3 times; event dropped (no on-failure destination locally)",
                    functionLogicalId, source);
        });
    }

    private static String payload(ObjectNode event, String input, String inputPath) {
        if (input != null) {
            return input;
        }
        if (inputPath != null) {
            JsonNode node = event;
            for (String part : inputPath.substring(1).split("\\.")) {
                if (!part.isEmpty()) {
                    node = node.path(part);
                }
            }
            return Json.write(node);
        }
        return Json.write(event);
    }

    /** Busy rule names per bus, for the start-up banner. */
    public Map<String, List<String>> describe() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        machines.keySet().forEach(b -> out.put(b, new ArrayList<>()));
        model.rules().forEach(r -> out.get(r.busName()).add(r.logicalId()));
        model.functionRules().forEach(r -> out.get(r.busName()).add(r.functionLogicalId() + "." + r.eventName()));
        return out;
    }
}

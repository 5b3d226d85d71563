package dev.meridian.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.local.http.HttpGateway;
import dev.meridian.local.template.Specs;
import dev.meridian.local.template.StackModel;
import dev.meridian.payments.adapters.SandboxLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime's read-only views for load tests and operators, on the gateway port (loopback):
 * <ul>
 *   <li>{@code GET /_local/payments}: the sandbox processor's ledger ({@link SandboxLedger#toJson()});</li>
 *   <li>{@code GET /_local/queues}: every queue's depth (visible, in flight, delayed); for a
 *       dead-letter queue also its source queues and the order ids its messages name;</li>
 *   <li>{@code GET /_local/chaos}: the fault counts ({@code {"enabled":false}} without {@code --chaos});</li>
 *   <li>{@code POST /_local/redrive}: moves every message of every DLQ that has one source queue
 *       back to that queue ({@code ./meridian redrive}).</li>
 * </ul>
 * They read with the runtime's own clients: no fault is ever injected into them.
 */
public final class LocalInspection {

    private final StackModel model;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private final FaultInjector chaos;

    public LocalInspection(StackModel model, DynamoDbClient dynamoDb, SqsClient sqs, Map<String, String> queueUrls, FaultInjector chaos) {
        this.model = model;
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.chaos = chaos;
    }

    public void attach(HttpGateway gateway) {
        gateway.localRoute("GET /_local/payments", () -> Json.write(payments()));
        gateway.localRoute("GET /_local/queues", () -> Json.write(queues()));
        gateway.localRoute("GET /_local/chaos", () -> Json.write(chaos()));
        gateway.localRoute("POST /_local/redrive", () -> Json.write(redrive()));
    }

    /** The tables of the template's sandbox payment gateway (functions' {@code SANDBOX_LEDGER_TABLE}). */
    public static Set<String> paymentTables(StackModel model) {
        Set<String> out = new LinkedHashSet<>();
        model.functions().values().forEach(f -> {
            String t = f.environment().get("SANDBOX_LEDGER_TABLE");
            if (t != null) {
                out.add(t);
            }
        });
        return out;
    }

    public ObjectNode payments() {
        Set<String> tables = paymentTables(model);
        if (tables.isEmpty()) {
            ObjectNode none = Json.object();
            none.putArray("entries");
            none.putObject("orders");
            return none;
        }
        return new SandboxLedger(dynamoDb, tables.iterator().next()).toJson();
    }

    public ObjectNode chaos() {
        if (chaos == null) {
            ObjectNode off = Json.object();
            off.put("enabled", false);
            return off;
        }
        return chaos.toJson();
    }

    public ObjectNode queues() {
        ObjectNode root = Json.object();
        ObjectNode queues = root.putObject("queues");
        long dlqMessages = 0;
        for (Specs.Queue q : model.queues().values()) {
            String url = queueUrls.get(q.logicalId());
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
            ObjectNode node = queues.putObject(q.logicalId());
            node.put("name", q.queueName());
            long visible = Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            node.put("visible", visible);
            node.put("inFlight", Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
            node.put("delayed", Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")));
            List<String> sources = sources(q.logicalId());
            boolean dlq = isDeadLetterQueue(q);
            node.put("deadLetterQueue", dlq);
            if (dlq) {
                dlqMessages += visible;
                ArrayNode s = node.putArray("sourceQueues");
                sources.forEach(s::add);
                ArrayNode ids = node.putArray("orderIds");
                peekOrderIds(url, visible).forEach(ids::add);
            }
        }
        root.put("deadLetterMessages", dlqMessages);
        return root;
    }

    /** A queue some other queue redrives into, or one with no consumer that the template names as a DLQ. */
    private boolean isDeadLetterQueue(Specs.Queue q) {
        if (!sources(q.logicalId()).isEmpty()) {
            return true;
        }
        boolean consumed = model.sqsSources().stream().anyMatch(s -> s.queueLogicalId().equals(q.logicalId()));
        return !consumed && q.deadLetterQueueLogicalId() == null;
    }

    private List<String> sources(String dlqLogicalId) {
        return model.queues().values().stream().filter(q -> dlqLogicalId.equals(q.deadLetterQueueLogicalId()))
                .map(Specs.Queue::logicalId).toList();
    }

    /** Reads a DLQ without consuming it (visibility timeout 0); the order ids its events name. */
    private Set<String> peekOrderIds(String url, long depth) {
        Set<String> ids = new TreeSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int round = 0; round < 50 && seen.size() < depth; round++) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                break;
            }
            for (Message m : messages) {
                if (seen.add(m.messageId())) {
                    String id = orderId(m.body());
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
    }

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

    /** Moves DLQ messages back to their (single) source queue; DLQs without one are reported, untouched. */
    public ObjectNode redrive() {
        ObjectNode root = Json.object();
        ObjectNode moved = root.putObject("moved");
        ArrayNode skipped = root.putArray("skipped");
        long total = 0;
        for (Specs.Queue q : model.queues().values()) {
            List<String> sources = sources(q.logicalId());
            if (sources.size() != 1) {
                if (isDeadLetterQueue(q)) {
                    skipped.add(q.logicalId());
                }
                continue;
            }
            String from = queueUrls.get(q.logicalId());
            String to = queueUrls.get(sources.get(0));
            long n = 0;
            while (true) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(from).maxNumberOfMessages(10).visibilityTimeout(30)
                        .waitTimeSeconds(0).messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    break;
                }
                for (Message m : messages) {
                    sqs.sendMessage(b -> b.queueUrl(to).messageBody(m.body()).messageAttributes(m.messageAttributes()));
                    sqs.deleteMessage(b -> b.queueUrl(from).receiptHandle(m.receiptHandle()));
                    n++;
                }
            }
            moved.put(q.logicalId() + " -> " + sources.get(0), n);
            total += n;
        }
        root.put("total", total);
        return root;
    }
}

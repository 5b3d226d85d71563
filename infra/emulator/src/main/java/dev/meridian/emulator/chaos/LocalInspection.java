package dev.meridian.emulator.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.StackExtension;
import dev.meridian.emulator.http.LocalRoutes;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.template.StackModel;
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
 *   <li>{@code GET /_local/queues}: every queue's depth (visible, in flight, delayed); for a
 *       dead-letter queue also its source queues and, when the embedding program says how to read
 *       them ({@link StackExtension#deadLetterIds()}), the ids its messages name;</li>
 *   <li>{@code GET /_local/chaos}: the fault counts ({@code {"enabled":false}} without {@code --chaos});</li>
 *   <li>{@code POST /_local/redrive}: moves every message of every DLQ that has one source queue
 *       back to that queue.</li>
 * </ul>
 * They read with the runtime's own clients: no fault is ever injected into them.
 */
public final class LocalInspection {

    private final StackModel model;
    private final SqsClient sqs;
    private final Map<String, String> queueUrls;
    private final FaultInjector chaos;
    private final StackExtension.MessageIds deadLetterIds;

    public LocalInspection(StackModel model, SqsClient sqs, Map<String, String> queueUrls, FaultInjector chaos,
                           StackExtension.MessageIds deadLetterIds) {
        this.model = model;
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.chaos = chaos;
        this.deadLetterIds = deadLetterIds;
    }

    public void registerRoutes(LocalRoutes routes) {
        routes.addView("GET /_local/queues", () -> Json.write(queues()));
        routes.addView("GET /_local/chaos", () -> Json.write(chaos()));
        routes.add("POST /_local/redrive", request -> dev.meridian.emulator.http.LocalResponse.json(200, Json.write(redrive())));
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
                if (deadLetterIds != null) {
                    ArrayNode ids = node.putArray(deadLetterIds.field());
                    peekIds(url, visible).forEach(ids::add);
                }
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

    /** Reads a DLQ without consuming it (visibility timeout 0); the ids its messages name. */
    private Set<String> peekIds(String url, long depth) {
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
                    String id = deadLetterIds.idOf().apply(m.body());
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
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

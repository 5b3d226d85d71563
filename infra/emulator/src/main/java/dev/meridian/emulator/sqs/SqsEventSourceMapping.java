package dev.meridian.emulator.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.lambda.BatchResponse;
import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.lambda.Pollers;
import dev.meridian.emulator.template.Specs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.event.ruler.Machine;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An SQS event source mapping: polls one queue, invokes the function with Lambda's SQS event,
 * and deletes only what succeeded.
 *
 * <p>Like Lambda, the mapping processes several batches at once: each of its pollers receives a
 * batch (batch size and batching window as declared), invokes the function synchronously and
 * deletes what succeeded, independently of the others. Lambda starts with
 * {@value #DEFAULT_CONCURRENT_BATCHES} concurrent batches and scales out while messages wait; locally the
 * mapping stays at {@value #DEFAULT_CONCURRENT_BATCHES}, or fewer when {@code ScalingConfig.MaximumConcurrency}
 * or the function's concurrency is lower (see {@link #concurrentBatches}).
 *
 * <p>Visibility timeout and max receive count are the queue's own (ElasticMQ redrives to the DLQ).
 * With ReportBatchItemFailures only the reported messages stay; without it, or when the handler
 * throws or times out, every message of the batch stays and comes back after the visibility
 * timeout. Messages that a FilterCriteria rejects are deleted, as Lambda does.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("sqs");
    /** Lambda's concurrent batches per SQS mapping when messages arrive (before it scales out). */
    public static final int DEFAULT_CONCURRENT_BATCHES = 5;
    private static final List<String> LAMBDA_ATTRIBUTES = List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId",
            "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageGroupId", "MessageDeduplicationId", "AWSTraceHeader");

    private final Specs.SqsSource source;
    private final String queueUrl;
    private final String queueArn;
    private final String region;
    private final SqsClient sqs;
    private final LocalFunction function;
    private final Machine filter;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;
    /** A region that is down: the pollers idle, messages wait in the queue. */
    private volatile boolean suspended;
    private volatile java.util.function.BooleanSupplier duplicate = () -> false;

    /** With {@link #concurrentBatches} pollers. */
    public SqsEventSourceMapping(Specs.SqsSource source, String queueUrl, String queueArn, String region, SqsClient sqs,
                                 LocalFunction function) {
        this(source, queueUrl, queueArn, region, sqs, function, concurrentBatches(source, function.concurrency()));
    }

    /** @param concurrentBatches how many batches are received and processed at once (0: the queue is not polled) */
    public SqsEventSourceMapping(Specs.SqsSource source, String queueUrl, String queueArn, String region, SqsClient sqs,
                                 LocalFunction function, int concurrentBatches) {
        this.source = source;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.region = region;
        this.sqs = sqs;
        this.function = function;
        this.filter = Filters.machine(source.filterPatterns(), source.functionLogicalId() + " event " + source.eventName());
        for (int i = 1; i <= concurrentBatches; i++) {
            Thread poller = new Thread(this::run, "esm-sqs-" + source.functionLogicalId() + "-" + source.eventName() + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
        }
    }

    /**
     * Concurrent batches of a mapping: {@value #DEFAULT_CONCURRENT_BATCHES}, or fewer when the mapping's
     * {@code ScalingConfig.MaximumConcurrency} or the function's concurrency is lower (a poller never
     * waits for an execution environment, as Lambda's never invokes past the function's concurrency).
     */
    public static int concurrentBatches(Specs.SqsSource source, int functionConcurrency) {
        int batches = Math.min(DEFAULT_CONCURRENT_BATCHES, functionConcurrency);
        return source.maximumConcurrency() == null ? batches : Math.min(batches, source.maximumConcurrency());
    }

    public Specs.SqsSource source() {
        return source;
    }

    /** How many batches this mapping processes at once. */
    public int concurrentBatches() {
        return pollers.size();
    }

    public void start() {
        pollers.forEach(Thread::start);
    }

    /**
     * Fault injection ({@code --chaos duplicate=p}): asked once per message that succeeded; when it
     * answers true the message is delivered again, in a second invocation, before it is deleted
     * (SQS delivers at least once).
     */
    public void duplicateDeliveries(java.util.function.BooleanSupplier duplicate) {
        this.duplicate = duplicate;
    }

    /** Stops (true) or resumes (false) polling without ending the pollers; messages wait in the queue meanwhile. */
    public void suspend(boolean suspend) {
        this.suspended = suspend;
    }

    private void run() {
        while (running) {
            if (suspended) {
                Pollers.pause(100);
                continue;
            }
            try {
                List<Message> batch = collect();
                // a batch received as the region went down waits in this poller for the heal: giving it back
                // would count one more receive per poller, and a short maxReceiveCount would dead-letter it
                while (!batch.isEmpty() && suspended && running) {
                    Pollers.pause(100);
                }
                if (!batch.isEmpty() && running) {
                    process(batch);
                }
            } catch (SdkException e) {
                if (running) {
                    LOG.warn("{}: polling {} failed: {}", source.functionLogicalId(), queueArn, e.getMessage());
                    Pollers.pause(500);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("{}: SQS mapping failed", source.functionLogicalId(), e);
                    Pollers.pause(500);
                }
            }
        }
    }

    private List<Message> collect() {
        List<Message> batch = new ArrayList<>();
        long deadline = System.currentTimeMillis() + source.batchingWindowSeconds() * 1000L;
        do {
            int wanted = Math.min(10, source.batchSize() - batch.size());
            List<Message> received = sqs.receiveMessage(ReceiveMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .maxNumberOfMessages(wanted)
                    .waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("All")
                    .messageAttributeNames("All")
                    .build()).messages();
            batch.addAll(filter(received));
            if (received.isEmpty() && batch.isEmpty() && source.batchingWindowSeconds() == 0) {
                break;
            }
        } while (running && batch.size() < source.batchSize() && System.currentTimeMillis() < deadline);
        return batch;
    }

    private List<Message> filter(List<Message> received) {
        if (filter == null || received.isEmpty()) {
            return received;
        }
        List<Message> kept = new ArrayList<>();
        List<Message> dropped = new ArrayList<>();
        for (Message m : received) {
            ObjectNode doc = record(m);
            try {
                doc.set("body", Json.parse(m.body()));
            } catch (Exception notJson) {
                // a non-JSON body is matched as a string
            }
            (Filters.matches(filter, doc) ? kept : dropped).add(m);
        }
        delete(dropped);
        return kept;
    }

    private void process(List<Message> batch) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        Set<String> ids = new HashSet<>();
        for (Message m : batch) {
            records.add(record(m));
            ids.add(m.messageId());
        }
        LocalFunction.Result result = function.invoke(Json.writeBytes(event), "sqs " + source.queueLogicalId() + " (" + batch.size() + " messages)");
        if (!result.ok()) {
            return; // every message stays; it comes back after the visibility timeout
        }
        if (!source.reportBatchItemFailures()) {
            deliverAgain(batch);
            delete(batch);
            return;
        }
        Optional<List<String>> failures = BatchResponse.failures(result.output(), ids);
        if (failures.isEmpty()) {
            LOG.warn("{}: batchItemFailures names an unknown or empty itemIdentifier; the whole batch is retried", source.functionLogicalId());
            return;
        }
        Set<String> failed = new HashSet<>(failures.get());
        if (!failed.isEmpty()) {
            LOG.info("{}: {} of {} messages reported failed; they stay in {} for redelivery", source.functionLogicalId(),
                    failed.size(), batch.size(), source.queueLogicalId());
        }
        List<Message> succeeded = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        deliverAgain(succeeded);
        delete(succeeded);
    }

    /** The duplicate fault: the chosen messages, once more, as SQS may deliver them; the outcome is not used. */
    private void deliverAgain(List<Message> messages) {
        List<Message> again = messages.stream().filter(m -> duplicate.getAsBoolean()).toList();
        if (again.isEmpty()) {
            return;
        }
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        again.forEach(m -> records.add(record(m)));
        function.invoke(Json.writeBytes(event), "sqs " + source.queueLogicalId() + " (" + again.size() + " duplicated messages)");
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + 10));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    /** One record of Lambda's SQS event. */
    ObjectNode record(Message m) {
        ObjectNode r = Json.object();
        r.put("messageId", m.messageId());
        r.put("receiptHandle", m.receiptHandle());
        r.put("body", m.body());
        ObjectNode attributes = r.putObject("attributes");
        Map<String, String> system = m.attributesAsStrings();
        for (String name : LAMBDA_ATTRIBUTES) {
            if (system.containsKey(name)) {
                attributes.put(name, system.get(name));
            }
        }
        ObjectNode messageAttributes = r.putObject("messageAttributes");
        for (Map.Entry<String, MessageAttributeValue> e : m.messageAttributes().entrySet()) {
            MessageAttributeValue v = e.getValue();
            ObjectNode a = messageAttributes.putObject(e.getKey());
            if (v.stringValue() != null) {
                a.put("stringValue", v.stringValue());
            }
            if (v.binaryValue() != null) {
                a.put("binaryValue", Base64.getEncoder().encodeToString(v.binaryValue().asByteArray()));
            }
            a.putArray("stringListValues");
            a.putArray("binaryListValues");
            a.put("dataType", v.dataType());
        }
        if (m.md5OfMessageAttributes() != null) {
            r.put("md5OfMessageAttributes", m.md5OfMessageAttributes());
        }
        r.put("md5OfBody", m.md5OfBody());
        r.put("eventSource", "aws:sqs");
        r.put("eventSourceARN", queueArn);
        r.put("awsRegion", region);
        return r;
    }

    @Override
    public void close() {
        running = false;
        Pollers.join(pollers, 3000);
    }
}

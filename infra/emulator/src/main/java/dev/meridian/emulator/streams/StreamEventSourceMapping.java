package dev.meridian.emulator.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import dev.meridian.emulator.lambda.BatchResponse;
import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.lambda.Pollers;
import dev.meridian.emulator.sqs.Filters;
import dev.meridian.emulator.template.Specs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.event.ruler.Machine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A DynamoDB stream event source mapping: reads every shard of a table's stream in order
 * on its own thread, keeps only the records its FilterCriteria match, and invokes the
 * function with Lambda's DynamoDB stream event.
 *
 * <p>A failed batch is retried, in order, until it succeeds or MaximumRetryAttempts is
 * exhausted (then it goes to the OnFailure queue if one is declared, and is skipped). With
 * ReportBatchItemFailures the retry starts at the lowest reported sequence number;
 * BisectBatchOnFunctionError halves the batch on each failure.
 */
public final class StreamEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("stream");
    private static final long IDLE_POLL_MILLIS = 200;
    /**
     * How often to look for new shards when none has ended (one that ends triggers a look at
     * once). Shards change rarely (an engine rolls a shard over after hours or many records), and
     * a DescribeStream answer grows with the stream's shards: asking once a second would cost
     * the engine work for nothing.
     */
    private static final long DISCOVERY_MILLIS = 30_000;

    private final Specs.StreamSource source;
    private final String tableName;
    private final String streamArn;
    private final String eventSourceArn;
    private final String region;
    private final DynamoDbStreamsClient streams;
    private final LocalFunction function;
    private final Machine filter;
    private final SqsClient sqs;
    private final String onFailureQueueUrl;
    private final Map<String, ShardState> shards = new LinkedHashMap<>();
    private final Checkpoints checkpoints;
    private final Set<String> finishedShards = new HashSet<>();
    private final Thread thread;
    private boolean firstDiscovery = true;
    private long lastDiscovery;
    /** Set when a shard was read to its end: its children are to be found now, not at the next periodic look. */
    private volatile boolean shardEnded;
    private volatile boolean running = true;
    /** A region that is down: the poller idles, records wait in the stream (within its retention). */
    private volatile boolean suspended;

    public StreamEventSourceMapping(Specs.StreamSource source, String tableName, String streamArn, String eventSourceArn,
                                    String region, DynamoDbStreamsClient streams, LocalFunction function, SqsClient sqs,
                                    String onFailureQueueUrl, Path checkpointFile) {
        this.checkpoints = new Checkpoints(checkpointFile);
        this.source = source;
        this.tableName = tableName;
        this.streamArn = streamArn;
        this.eventSourceArn = eventSourceArn;
        this.region = region;
        this.streams = streams;
        this.function = function;
        this.sqs = sqs;
        this.onFailureQueueUrl = onFailureQueueUrl;
        this.filter = Filters.machine(source.filterPatterns(), source.functionLogicalId() + " event " + source.eventName());
        this.thread = new Thread(this::run, "esm-stream-" + source.functionLogicalId() + "-" + source.eventName());
        this.thread.setDaemon(true);
    }

    /** Discovers the shards (so that LATEST means "from now") and starts polling. */
    public void start() {
        discover();
        thread.start();
    }

    private static final class ShardState {
        final String shardId;
        final String parentShardId;
        String iterator;
        String lastSequenceNumber;
        final Deque<Record> pending = new ArrayDeque<>();
        int attempts;
        int limit;
        long firstPendingAt;

        ShardState(String shardId, String parentShardId, String iterator, int limit) {
            this.shardId = shardId;
            this.parentShardId = parentShardId;
            this.iterator = iterator;
            this.limit = limit;
        }
    }

    /** Stops (true) or resumes (false) reading the stream without ending the poller; records wait meanwhile. */
    public void suspend(boolean suspend) {
        this.suspended = suspend;
    }

    private void run() {
        while (running) {
            if (suspended) {
                Pollers.pause(IDLE_POLL_MILLIS);
                continue;
            }
            boolean busy = false;
            try {
                if (shardEnded || System.currentTimeMillis() - lastDiscovery > DISCOVERY_MILLIS) {
                    shardEnded = false;
                    discover();
                }
                for (ShardState shard : new ArrayList<>(shards.values())) {
                    if (shard.parentShardId != null && shards.containsKey(shard.parentShardId)) {
                        continue; // the parent's records come first
                    }
                    try {
                        busy |= poll(shard);
                    } catch (TrimmedDataAccessException | ExpiredIteratorException e) {
                        // an iterator older than 15 minutes (a long-idle shard) or past the retention window:
                        // take a new one right after the last record read (or from the start when none was read yet)
                        shard.iterator = reposition(shard);
                    }
                    if (shard.iterator == null && shard.pending.isEmpty()) {
                        shards.remove(shard.shardId);
                        finishedShards.add(shard.shardId);
                        shardEnded = true;
                    }
                }
            } catch (SdkException e) {
                if (running) {
                    LOG.warn("{}: reading the stream of {} failed: {}", source.functionLogicalId(), tableName, e.getMessage());
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("{}: stream mapping failed", source.functionLogicalId(), e);
                }
            }
            if (!busy) {
                Pollers.pause(IDLE_POLL_MILLIS);
            }
        }
    }

    private void discover() {
        lastDiscovery = System.currentTimeMillis();
        String start = null;
        do {
            String exclusiveStart = start;
            StreamDescription description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                if (shards.containsKey(shard.shardId()) || finishedShards.contains(shard.shardId())) {
                    continue;
                }
                String checkpoint = checkpoints.get(shard.shardId());
                String iterator = checkpoint != null
                        ? streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(checkpoint)).shardIterator()
                        : streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                ShardState state = new ShardState(shard.shardId(), shard.parentShardId(), iterator, source.batchSize());
                state.lastSequenceNumber = checkpoint;
                if (checkpoint == null && firstDiscovery && "LATEST".equals(source.startingPosition())) {
                    skipToEnd(state);
                    if (state.lastSequenceNumber != null) {
                        checkpoints.put(state.shardId, state.lastSequenceNumber);
                    }
                }
                shards.put(shard.shardId(), state);
            }
            start = description.lastEvaluatedShardId();
        } while (start != null);
        firstDiscovery = false;
    }

    /**
     * LATEST: reads past every record already in the shard, remembering the last sequence
     * number (a LATEST iterator left unused expires; a position after a known record can always be taken again).
     */
    private void skipToEnd(ShardState shard) {
        while (shard.iterator != null) {
            String iterator = shard.iterator;
            var response = streams.getRecords(b -> b.shardIterator(iterator).limit(1000));
            shard.iterator = response.nextShardIterator();
            if (response.records().isEmpty()) {
                return;
            }
            shard.lastSequenceNumber = response.records().get(response.records().size() - 1).dynamodb().sequenceNumber();
        }
    }

    private String reposition(ShardState shard) {
        if (shard.lastSequenceNumber == null) {
            return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        }
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(shard.lastSequenceNumber)).shardIterator();
    }

    /** Reads and invokes once for a shard; true when it did some work. */
    private boolean poll(ShardState shard) {
        boolean busy = false;
        if (shard.iterator != null && shard.pending.size() < source.batchSize()) {
            var response = streams.getRecords(b -> b.shardIterator(shard.iterator).limit(1000));
            shard.iterator = response.nextShardIterator();
            for (Record r : response.records()) {
                shard.lastSequenceNumber = r.dynamodb().sequenceNumber();
                if (Filters.matches(filter, record(r))) {
                    if (shard.pending.isEmpty()) {
                        shard.firstPendingAt = System.currentTimeMillis();
                    }
                    shard.pending.add(r);
                }
            }
            busy = !response.records().isEmpty();
        }
        if (shard.pending.isEmpty()) {
            return busy;
        }
        boolean windowOpen = shard.pending.size() < source.batchSize() && shard.iterator != null
                && System.currentTimeMillis() - shard.firstPendingAt < source.batchingWindowSeconds() * 1000L;
        if (windowOpen) {
            return busy;
        }
        invoke(shard);
        return true;
    }

    private void invoke(ShardState shard) {
        List<Record> batch = new ArrayList<>();
        for (Record r : shard.pending) {
            if (batch.size() >= Math.min(shard.limit, source.batchSize())) {
                break;
            }
            batch.add(r);
        }
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        Set<String> sequenceNumbers = new HashSet<>();
        for (Record r : batch) {
            records.add(record(r));
            sequenceNumbers.add(r.dynamodb().sequenceNumber());
        }
        LocalFunction.Result result = function.invoke(Json.writeBytes(event),
                "dynamodb " + source.tableLogicalId() + " (" + batch.size() + " records)");
        if (result.ok()) {
            Optional<List<String>> failures = source.reportBatchItemFailures()
                    ? BatchResponse.failures(result.output(), sequenceNumbers) : Optional.of(List.of());
            if (failures.isPresent() && failures.get().isEmpty()) {
                batch.forEach(r -> shard.pending.removeFirst());
                checkpoints.put(shard.shardId, batch.get(batch.size() - 1).dynamodb().sequenceNumber());
                shard.attempts = 0;
                shard.limit = source.batchSize();
                return;
            }
            if (failures.isPresent()) {
                LOG.info("{}: {} of {} records reported failed; retrying from the lowest", source.functionLogicalId(),
                        failures.get().size(), batch.size());
                // checkpoint: everything before the lowest failed sequence number succeeded
                String lowest = failures.get().stream().min(StreamEventSourceMapping::compareSequence).orElseThrow();
                while (!shard.pending.isEmpty() && compareSequence(shard.pending.peekFirst().dynamodb().sequenceNumber(), lowest) < 0) {
                    checkpoints.put(shard.shardId, shard.pending.removeFirst().dynamodb().sequenceNumber());
                    batch.remove(0);
                }
            }
        }
        shard.attempts++;
        if (source.bisectOnError() && shard.limit > 1) {
            shard.limit = Math.max(1, batch.size() / 2);
        }
        Instant oldest = batch.isEmpty() ? null : batch.get(0).dynamodb().approximateCreationDateTime();
        boolean tooOld = source.maximumRecordAgeSeconds() >= 0 && oldest != null
                && oldest.isBefore(Instant.now().minusSeconds(source.maximumRecordAgeSeconds()));
        if ((source.maximumRetryAttempts() >= 0 && shard.attempts > source.maximumRetryAttempts()) || tooOld) {
            List<Record> discarded = new ArrayList<>();
            int n = Math.min(batch.size(), shard.pending.size());
            for (int i = 0; i < n; i++) {
                discarded.add(shard.pending.removeFirst());
            }
            onFailure(shard, discarded, tooOld ? "RecordAgeExceeded" : "RetryAttemptsExhausted");
            if (!discarded.isEmpty()) {
                checkpoints.put(shard.shardId, discarded.get(discarded.size() - 1).dynamodb().sequenceNumber());
            }
            shard.attempts = 0;
            shard.limit = source.batchSize();
            return;
        }
        Pollers.pause(Math.min(1000, 100L * shard.attempts));
    }

    private void onFailure(ShardState shard, List<Record> discarded, String condition) {
        LOG.warn("{}: {} stream records of {} skipped after {} retries{}", source.functionLogicalId(), discarded.size(), tableName,
                source.maximumRetryAttempts(), onFailureQueueUrl == null ? " (no OnFailure destination)" : "; sent to the OnFailure queue");
        if (onFailureQueueUrl == null || discarded.isEmpty()) {
            return;
        }
        ObjectNode record = Json.object();
        ObjectNode requestContext = record.putObject("requestContext");
        requestContext.put("requestId", UUID.randomUUID().toString());
        requestContext.put("functionArn", "arn:aws:lambda:" + region + ":000000000000:function:" + function.functionName());
        requestContext.put("condition", condition);
        requestContext.put("approximateInvokeCount", shard.attempts);
        ObjectNode responseContext = record.putObject("responseContext");
        responseContext.put("statusCode", 200);
        responseContext.put("executedVersion", "$LATEST");
        responseContext.put("functionError", "Unhandled");
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode info = record.putObject("DDBStreamBatchInfo");
        info.put("shardId", shard.shardId);
        info.put("startSequenceNumber", discarded.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", discarded.get(discarded.size() - 1).dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", String.valueOf(discarded.get(0).dynamodb().approximateCreationDateTime()));
        info.put("approximateArrivalOfLastRecord", String.valueOf(discarded.get(discarded.size() - 1).dynamodb().approximateCreationDateTime()));
        info.put("batchSize", discarded.size());
        info.put("streamArn", eventSourceArn);
        sqs.sendMessage(b -> b.queueUrl(onFailureQueueUrl).messageBody(Json.write(record)));
    }

    /** One record of Lambda's DynamoDB stream event. */
    ObjectNode record(Record r) {
        ObjectNode out = Json.object();
        out.put("eventID", r.eventID());
        out.put("eventName", r.eventNameAsString());
        out.put("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", region);
        ObjectNode ddb = out.putObject("dynamodb");
        var s = r.dynamodb();
        if (s.approximateCreationDateTime() != null) {
            ddb.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
        }
        if (s.hasKeys()) {
            ddb.set("Keys", AttributeJson.image(s.keys()));
        }
        if (s.hasNewImage()) {
            ddb.set("NewImage", AttributeJson.image(s.newImage()));
        }
        if (s.hasOldImage()) {
            ddb.set("OldImage", AttributeJson.image(s.oldImage()));
        }
        ddb.put("SequenceNumber", s.sequenceNumber());
        if (s.sizeBytes() != null) {
            ddb.put("SizeBytes", s.sizeBytes());
        }
        ddb.put("StreamViewType", s.streamViewTypeAsString());
        if (r.userIdentity() != null) {
            ObjectNode identity = out.putObject("userIdentity");
            identity.put("type", r.userIdentity().type());
            identity.put("principalId", r.userIdentity().principalId());
        }
        out.put("eventSourceARN", eventSourceArn);
        return out;
    }

    private static int compareSequence(String a, String b) {
        return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Pollers.join(List.of(thread), 3000);
    }
}

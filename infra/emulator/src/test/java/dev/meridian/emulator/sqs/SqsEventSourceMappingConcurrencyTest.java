package dev.meridian.emulator.sqs;

import dev.meridian.emulator.lambda.LocalFunction;
import dev.meridian.emulator.template.Specs;
import dev.meridian.emulator.testfn.ConcurrencyProbeHandler;
import dev.meridian.emulator.testfn.ConcurrencyProbeHandler.Probe;
import dev.meridian.emulator.testing.Await;
import dev.meridian.testkit.LocalEngines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** An SQS mapping processes several batches at once, each in its own execution environment. */
@ExtendWith(LocalEngines.class)
class SqsEventSourceMappingConcurrencyTest {

    private final ExecutorService invokers = Executors.newCachedThreadPool();
    private SqsEventSourceMapping mapping;

    @AfterEach
    void stop() {
        if (mapping != null) {
            mapping.close();
        }
        invokers.shutdownNow();
    }

    private static Specs.SqsSource source(Integer maximumConcurrency) {
        return new Specs.SqsSource("Probe", "Messages", "ProbeQueue", 2, 0, true, List.of(), maximumConcurrency);
    }

    @Test
    void mapping_shouldProcessSeveralBatchesAtOnce_andDeleteEveryMessageOnce() throws Exception {
        // GIVEN a queue with 30 messages and a function whose handler waits until 3 batches are inside it
        SqsClient sqs = LocalEngines.sqs();
        String queueName = LocalEngines.uniqueName("probe");
        String url = sqs.createQueue(b -> b.queueName(queueName).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        for (int i = 0; i < 30; i++) {
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("message " + n));
        }
        Probe probe = Probe.of(queueName);
        probe.gate = new CountDownLatch(3);
        LocalFunction function = LocalFunction.create(new Specs.Function("Probe", queueName, ConcurrencyProbeHandler.class.getName(),
                "handleRequest", 60, 512, Map.of(), null), "arn:aws:lambda:us-east-1:000000000000:function:" + queueName,
                Map.of("AWS_LAMBDA_FUNCTION_NAME", queueName), invokers, 10);

        // WHEN a mapping with 3 concurrent batches polls it
        mapping = new SqsEventSourceMapping(source(null), url, "arn:aws:sqs:us-east-1:000000000000:" + queueName, "us-east-1",
                sqs, function, 3);
        mapping.start();

        // THEN 3 batches were in the handler together, every message was processed, and the queue is empty
        Await.until("3 batches at once", Duration.ofSeconds(30), () -> Optional.of(probe.gate.getCount()).filter(c -> c == 0));
        Await.until("every message processed", Duration.ofSeconds(30), () -> Optional.of(probe.records.get()).filter(n -> n >= 30));
        Await.until("queue empty", Duration.ofSeconds(30), () -> Optional.of(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes()).filter(a -> a.values().stream().allMatch("0"::equals)));
        assertThat(probe.records).hasValue(30);
        assertThat(probe.instancesUsed).hasSizeGreaterThanOrEqualTo(3);
        assertThat(function.peakConcurrency()).isLessThanOrEqualTo(3);
        assertThat(probe.overlappingUses).hasValue(0);
    }

    @Test
    void concurrentBatches_shouldStartAtFive_andRespectMaximumConcurrencyAndTheFunctionsConcurrency() {
        assertThat(SqsEventSourceMapping.concurrentBatches(source(null), 1000)).isEqualTo(5);
        assertThat(SqsEventSourceMapping.concurrentBatches(source(2), 1000)).isEqualTo(2);
        assertThat(SqsEventSourceMapping.concurrentBatches(source(50), 1000)).isEqualTo(5);
        assertThat(SqsEventSourceMapping.concurrentBatches(source(null), 3)).isEqualTo(3);
        assertThat(SqsEventSourceMapping.concurrentBatches(source(4), 1)).isEqualTo(1);
        assertThat(SqsEventSourceMapping.concurrentBatches(source(null), 0)).isZero();
    }
}

package dev.meridian.common.batch;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqsBatchProcessorTest {

    private static SqsMessage message(String id, String body, String arn) {
        return new SqsMessage(id, body, 1, null, arn);
    }

    @Test
    void process_shouldReportOnlyFailedMessages_whenSomeFailOnAStandardQueue() {
        // given
        List<String> handled = new ArrayList<>();
        var processor = new SqsBatchProcessor(m -> {
            if (m.body().equals("poison")) {
                throw new IllegalArgumentException("cannot read");
            }
            handled.add(m.messageId());
        });
        String arn = "arn:aws:sqs:us-east-1:123456789012:orders";
        // when
        var response = processor.process(List.of(message("1", "ok", arn), message("2", "poison", arn), message("3", "ok", arn)));
        // then
        assertThat(response.batchItemFailures()).extracting(SqsBatchResponse.BatchItemFailure::itemIdentifier).containsExactly("2");
        assertThat(handled).containsExactly("1", "3");
    }

    @Test
    void process_shouldStopAtFirstFailureAndReportTheRest_whenTheQueueIsFifo() {
        List<String> handled = new ArrayList<>();
        var processor = new SqsBatchProcessor(m -> {
            if (m.body().equals("poison")) {
                throw new IllegalArgumentException("cannot read");
            }
            handled.add(m.messageId());
        });
        String arn = "arn:aws:sqs:us-east-1:123456789012:orders.fifo";
        var response = processor.process(List.of(message("1", "ok", arn), message("2", "poison", arn), message("3", "ok", arn)));
        assertThat(response.batchItemFailures()).extracting(SqsBatchResponse.BatchItemFailure::itemIdentifier).containsExactly("2", "3");
        assertThat(handled).containsExactly("1");
    }

    @Test
    void process_shouldReportNothing_whenAllSucceed() {
        var response = new SqsBatchProcessor(m -> { }).process(List.of(message("1", "ok", "arn:aws:sqs:r:1:q")));
        assertThat(response.batchItemFailures()).isEmpty();
    }
}

package dev.meridian.common.batch;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one SQS batch loop: processes each message, and reports the ones that failed as
 * batch item failures so that only those are retried (and, after the queue's
 * maxReceiveCount, moved to its DLQ).
 *
 * <p>On a FIFO queue, processing stops at the first failure and every later message is
 * reported too, so order within a message group is kept.
 */
public final class SqsBatchProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchProcessor.class);

    private final Consumer<SqsMessage> handler;

    public SqsBatchProcessor(Consumer<SqsMessage> handler) {
        this.handler = handler;
    }

    public SqsBatchResponse process(JsonNode event) {
        return process(SqsMessage.fromEvent(event));
    }

    public SqsBatchResponse process(List<SqsMessage> messages) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            SqsMessage message = messages.get(i);
            try {
                handler.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("message {} failed (receive {}): {}", message.messageId(), message.approximateReceiveCount(),
                        e.getClass().getSimpleName() + ": " + e.getMessage());
                failed.add(message.messageId());
                if (message.isFifo()) {
                    for (int j = i + 1; j < messages.size(); j++) {
                        failed.add(messages.get(j).messageId());
                    }
                    break;
                }
            }
        }
        return SqsBatchResponse.of(failed);
    }
}

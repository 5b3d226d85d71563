package dev.meridian.common.batch;

import java.util.List;

/**
 * The partial batch response Lambda reads when the event source mapping has
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}: only the listed messages
 * become visible again; the others are deleted.
 */
public record SqsBatchResponse(List<BatchItemFailure> batchItemFailures) {

    public record BatchItemFailure(String itemIdentifier) {
    }

    public static SqsBatchResponse of(List<String> failedMessageIds) {
        return new SqsBatchResponse(failedMessageIds.stream().map(BatchItemFailure::new).toList());
    }
}

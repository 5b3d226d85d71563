package dev.meridian.common.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;

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

    /** {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}, the shape Lambda reads. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        ArrayNode failures = out.putArray("batchItemFailures");
        batchItemFailures.forEach(f -> failures.addObject().put("itemIdentifier", f.itemIdentifier()));
        return out;
    }
}

package dev.meridian.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a batch handler's {@code batchItemFailures} response as Lambda does: a missing
 * or empty response means every item succeeded; an identifier that is empty or not in the
 * batch fails the whole batch.
 */
public final class BatchResponse {

    private BatchResponse() {
    }

    /** The failed identifiers, or empty when the whole batch must be treated as failed. */
    public static Optional<List<String>> failures(byte[] output, Set<String> identifiersInBatch) {
        if (output == null || output.length == 0) {
            return Optional.of(List.of());
        }
        String text = new String(output, StandardCharsets.UTF_8).trim();
        if (text.isEmpty() || text.equals("null")) {
            return Optional.of(List.of());
        }
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (Exception e) {
            return Optional.of(List.of()); // a non-JSON response is not a partial failure report
        }
        JsonNode failures = node.path("batchItemFailures");
        if (failures.isMissingNode() || failures.isNull()) {
            return Optional.of(List.of());
        }
        if (!failures.isArray()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode f : failures) {
            String id = f.path("itemIdentifier").asText("");
            if (id.isEmpty() || !identifiersInBatch.contains(id)) {
                return Optional.empty();
            }
            out.add(id);
        }
        return Optional.of(out);
    }
}

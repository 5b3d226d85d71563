package dev.meridian.dynamodb.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.dynamodb.DynamoDbException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** ClientRequestTokens of TransactWriteItems seen in the last 10 minutes (used under the write lock). */
final class IdempotencyTokens {

    static final long TTL_MILLIS = 10 * 60 * 1000;

    private record Entry(String fingerprint, ObjectNode response, long at) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The earlier answer for this token, or null; a different request under the same token is an error. */
    synchronized ObjectNode replay(String token, String fingerprint, long now) {
        expire(now);
        Entry e = entries.get(token);
        if (e == null) return null;
        if (!e.fingerprint().equals(fingerprint)) {
            throw new DynamoDbException("IdempotentParameterMismatchException", 400,
                    "The request uses the same client token as a previous, but non-identical request.", Map.of());
        }
        return e.response().deepCopy();
    }

    synchronized void remember(String token, String fingerprint, ObjectNode response, long now) {
        entries.put(token, new Entry(fingerprint, response.deepCopy(), now));
    }

    private void expire(long now) {
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().at() > TTL_MILLIS) it.remove();
            else break;
        }
    }
}

package dev.meridian.emulator;

import dev.meridian.emulator.http.LocalRoutes;
import dev.meridian.emulator.template.StackModel;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Set;
import java.util.function.Function;

/**
 * What a program that embeds the emulator adds to it. The emulator knows no application: the
 * command line plugs an application's views and vocabulary in here.
 */
public interface StackExtension {

    /** Adds nothing. */
    StackExtension NONE = new StackExtension() {
    };

    /** The tables (physical names) whose calls the slow-table fault delays; none by default. */
    default Set<String> slowTables(StackModel model) {
        return Set.of();
    }

    /**
     * Adds read-only views to the stack's {@code /_local} routes (loopback only). {@code dynamoDb}
     * is the emulator's own client: no fault is ever injected into it.
     */
    default void addLocalRoutes(LocalRoutes routes, StackModel model, DynamoDbClient dynamoDb) {
    }

    /** What {@code GET /_local/queues} lists for each dead-letter queue's messages; null: nothing. */
    default MessageIds deadLetterIds() {
        return null;
    }

    /**
     * @param field the JSON field of a dead-letter queue's entry that lists the ids
     * @param idOf  the id a message body names, or null when it names none
     */
    record MessageIds(String field, Function<String, String> idOf) {
    }
}

package dev.meridian.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Every id Meridian derives from a client's request key, in one place. Each derivation has a
 * named {@link Scope}, so two uses of the same key (the idempotency record of a request and
 * the id of what it creates) can never collide, and a derived id is the same on every retry.
 *
 * <p>The key of one caller's request is {@code scope#<length of subject>:<subject>#<key>}: the
 * subject's length makes the boundary between subject and key unambiguous, so no caller can
 * reach another's key by choosing a subject or key that contains the separator
 * ({@code carol} + {@code k#1} and {@code carol#k} + {@code 1} are different keys).
 */
public final class DerivedIds {

    /** What a derived id names. The text is stored data: never change one. */
    public enum Scope {
        /** The idempotency record of one customer's order request. */
        ORDER_REQUEST("orders"),
        /** The id of the order that a keyed order request creates. */
        ORDER_ID("order"),
        /** The idempotency record of one admin's restock request, and the id of its restock marker. */
        RESTOCK("restock");

        private final String text;

        Scope(String text) {
            this.text = text;
        }
    }

    private DerivedIds() {
    }

    /** The scoped key of {@code subject}'s request key {@code key}. */
    public static String key(Scope scope, String subject, String key) {
        return scope.text + "#" + subject.length() + ":" + subject + "#" + key;
    }

    /** A name-based UUID of the scoped key: the same inputs always give the same UUID. */
    public static UUID uuid(Scope scope, String subject, String key) {
        return UUID.nameUUIDFromBytes(key(scope, subject, key).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the order {@code customerId} places with request key {@code key}. */
    public static String orderId(String customerId, String key) {
        return orderId(uuid(Scope.ORDER_ID, customerId, key));
    }

    /** A fresh order id, for a request without a key. */
    public static String randomOrderId() {
        return orderId(UUID.randomUUID());
    }

    /** The id of the restock {@code subject} requests with request key {@code key}. */
    public static String restockId(String subject, String key) {
        return uuid(Scope.RESTOCK, subject, key).toString();
    }

    private static String orderId(UUID uuid) {
        return "ord-" + uuid.toString().replace("-", "");
    }
}

package dev.meridian.common.validation;

import dev.meridian.common.http.ApiException;

import java.util.regex.Pattern;

/**
 * The documented input bounds of the API, checked at the edge before anything is written.
 * See {@code docs/security.md} for the table.
 */
public final class Limits {

    /** sku: 1–64 characters, letters, digits, '-', '_'; starts with a letter or digit. */
    public static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final String SKU_RULE = "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit";
    /** order ids are server-generated: {@code ord-} followed by 32 hex digits. */
    public static final Pattern ORDER_ID = Pattern.compile("ord-[0-9a-f]{32}");
    /** Idempotency-Key header: 1–128 visible ASCII characters. */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    /** ISO 4217 currency code: the shape; {@link #isCurrency} checks that the code exists. */
    public static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final java.util.Set<String> ISO_4217 = java.util.Currency.getAvailableCurrencies().stream()
            .map(java.util.Currency::getCurrencyCode).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /**
     * Product names: 1–200 characters, no control characters (C0, DEL and C1 — POSIX {@code Cntrl}
     * alone is ASCII-only) and no unpaired surrogates (which a JSON escape can produce; they are not text).
     */
    public static final Pattern NAME = Pattern.compile("[^\\p{Cc}\\p{Cs}]{1,200}");
    /** Payment tokens: 1–128 letters, digits, '_' or '-'. */
    public static final Pattern PAYMENT_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public static final int MAX_LINES = 25;
    public static final long MAX_LINE_QUANTITY = 100;
    public static final long MAX_RESTOCK_QUANTITY = 1_000_000;
    /** Largest price, in minor units (one million units of the currency). */
    public static final long MAX_PRICE = 100_000_000;
    public static final int MAX_LIST_LIMIT = 100;

    private Limits() {
    }

    /** Validates a sku from a path parameter (never echoed back). */
    public static String sku(String value, String field) {
        if (value == null || !SKU.matcher(value).matches()) {
            throw ApiException.badRequest(field, field + " " + SKU_RULE);
        }
        return value;
    }

    /** Whether {@code code} is an ISO 4217 currency code the JDK knows (not merely three capitals). */
    public static boolean isCurrency(String code) {
        return code != null && ISO_4217.contains(code);
    }

    public static String orderId(String value) {
        if (value == null || !ORDER_ID.matcher(value).matches()) {
            // an id that cannot exist is indistinguishable from one that does not: 404, not 400
            throw ApiException.notFound("order not found");
        }
        return value;
    }
}

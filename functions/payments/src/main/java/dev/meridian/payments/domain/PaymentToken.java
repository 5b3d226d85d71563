package dev.meridian.payments.domain;

import java.util.Objects;

/**
 * An opaque processor token (never a card number). It is sensitive: {@link #toString()}
 * never reveals it, so a token cannot leak into a log line or an exception message by
 * accident. Only the gateway adapter reads {@link #reveal()}.
 */
public final class PaymentToken {

    private final String value;

    private PaymentToken(String value) {
        this.value = value;
    }

    public static PaymentToken of(String value) {
        Objects.requireNonNull(value, "payment token");
        if (value.isBlank()) {
            throw new IllegalArgumentException("payment token is blank");
        }
        return new PaymentToken(value);
    }

    /** The token itself, for the processor call only. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaymentToken other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "PaymentToken[redacted]";
    }
}

package dev.meridian.payments.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/** An amount in minor units (cents) and an ISO 4217 currency code. */
public record Money(long amount, String currency) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive minor units, was " + amount);
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, was '" + currency + "'");
        }
    }
}

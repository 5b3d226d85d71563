package dev.meridian.dynamodb.model;

import java.math.BigDecimal;

/** DynamoDB's number rules: 38 significant digits, magnitudes 1E-130 to 9.9999…E+125. */
public final class Numbers {

    public static final int MAX_PRECISION = 38;
    private static final BigDecimal MAX = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_POSITIVE = new BigDecimal("1E-130");

    private Numbers() {
    }

    /**
     * Parses a wire number. Throws {@link NumberFormatException} with DynamoDB's message
     * when the text is not a number or is outside what DynamoDB stores.
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty() || !text.strip().equals(text)) {
            throw new NumberFormatException("The parameter cannot be converted to a numeric value: " + text);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(value);
    }

    /** Checks precision and range, as DynamoDB does for stored and computed numbers. */
    public static BigDecimal check(BigDecimal value) {
        BigDecimal canonical = canonical(value);
        if (canonical.signum() == 0) {
            return canonical;
        }
        if (canonical.precision() > MAX_PRECISION) {
            throw new NumberFormatException("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal abs = canonical.abs();
        if (abs.compareTo(MAX) > 0) {
            throw new NumberFormatException("Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (abs.compareTo(MIN_POSITIVE) < 0) {
            throw new NumberFormatException("Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return canonical;
    }

    /** Trailing zeros stripped; zero is plain {@code 0}. */
    public static BigDecimal canonical(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return value.stripTrailingZeros();
    }

    /** DynamoDB's wire form: plain digits, no exponent, no trailing zeros. */
    public static String format(BigDecimal value) {
        return canonical(value).toPlainString();
    }

    /** Approximate stored size: one byte per two significant digits, plus one. */
    public static long size(BigDecimal value) {
        return (canonical(value).precision() + 1) / 2 + 1;
    }
}

package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.DynamoDbException;

import java.math.BigInteger;

/**
 * Sequence numbers on the wire: a numeric string of 21 digits, {@code 10^20 + n}, so they compare
 * the same as numbers and as strings and look like DynamoDB's (21 to 40 digits).
 */
public final class SequenceNumbers {

    private static final BigInteger BASE = BigInteger.TEN.pow(20);
    private static final BigInteger MAX = BASE.add(BigInteger.valueOf(Long.MAX_VALUE));

    private SequenceNumbers() {
    }

    public static String format(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("sequence number must not be negative: " + n);
        }
        String digits = Long.toString(n);
        return "1" + "0".repeat(20 - digits.length()) + digits;
    }

    /**
     * The internal number of a wire sequence number; -1 when it is a well-formed number this engine
     * never issues (so no shard holds it). A malformed one is a ValidationException.
     */
    public static long parse(String text) {
        if (text == null || text.length() < 21 || text.length() > 40 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw DynamoDbException.validation("Invalid SequenceNumber: '" + text
                    + "' (a sequence number is a string of 21 to 40 digits)");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BASE) < 0 || value.compareTo(MAX) > 0) {
            return -1;
        }
        return value.subtract(BASE).longValueExact();
    }
}

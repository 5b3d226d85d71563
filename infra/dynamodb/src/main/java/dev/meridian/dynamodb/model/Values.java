package dev.meridian.dynamodb.model;

/** Orderings DynamoDB defines between scalar values. */
public final class Values {

    private Values() {
    }

    /**
     * Compares two scalars of the same type as DynamoDB orders keys and evaluates
     * {@code < <= > >= BETWEEN}: S by UTF-8 bytes (code points), N numerically, B by
     * unsigned bytes. Returns {@code null} when the values are not comparable (different
     * types, or a type with no order).
     */
    public static Integer compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return compareUtf8(x.value(), y.value());
        }
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.compareTo(y);
        }
        return null;
    }

    /** String order by code point, which is UTF-8 byte order. */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

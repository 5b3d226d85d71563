package dev.meridian.bench.engine;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The item of bench section (f), preloaded and measured alike: a string key and four
 * attributes, about 200 bytes as DynamoDB counts an item's size (attribute names plus values).
 */
public final class ItemShape {

    public static final String KEY = "pk";
    static final String STATUS = "PENDING";
    static final String AMOUNT = "1299";
    static final String CUSTOMER = "customer-0000000000000000000000000001";
    static final String NOTE = "x".repeat(110);

    private ItemShape() {
    }

    /** The attribute names and string forms of an item with key {@code pk}: S values, except {@code amount} (N). */
    static Map<String, String> attributes(String pk) {
        Map<String, String> item = new LinkedHashMap<>();
        item.put(KEY, pk);
        item.put("status", STATUS);
        item.put("amount", AMOUNT);
        item.put("customer", CUSTOMER);
        item.put("note", NOTE);
        return item;
    }

    /**
     * The item's size as DynamoDB counts it: the UTF-8 length of every attribute name and
     * string value, and for a number about one byte per two significant digits plus one.
     */
    static int sizeBytes(Map<String, String> attributes, String numberAttribute) {
        int size = 0;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            size += e.getKey().equals(numberAttribute) ? numberBytes(e.getValue()) : e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        return size;
    }

    static int numberBytes(String number) {
        String digits = number.replace("-", "").replace(".", "").replaceFirst("^0+", "").replaceFirst("0+$", "");
        if (!digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a plain decimal number: " + number);
        }
        return (Math.max(1, digits.length()) + 1) / 2 + 1;
    }

    /** The size of a preloaded item ({@code load-N}, N below a million). */
    public static int preloadItemBytes() {
        return sizeBytes(attributes("load-999999"), "amount");
    }
}

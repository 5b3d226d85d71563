package dev.meridian.common.testing;

import java.util.List;

/** Malformed variants of a valid request body for the handlers' bad-input tests, repeatable by seed. */
public final class BodyMutations {

    private BodyMutations() {
    }

    /** Seeded random edits of a valid body: deletions, insertions of JSON-significant text, slice copies, truncation. */
    public static List<String> of(String valid, long seed, int count) {
        java.util.Random random = new java.util.Random(seed);
        String[] inserts = {"{", "}", "[", "]", "\"", ":", ",", "-", "0", "9", ".", "e", "null", "true", "\\", "\\u0000",
                "\\ud800", "\u0085", "1e999", "99999999999999999999", " ", "\"x\":1"};
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(valid);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(4)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, inserts[random.nextInt(inserts.length)]);
                    case 2 -> {
                        int end = Math.min(sb.length(), at + 1 + random.nextInt(12));
                        sb.insert(random.nextInt(sb.length()), sb.substring(at, end));
                    }
                    default -> sb.setLength(at);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}

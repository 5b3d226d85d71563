package dev.meridian.dynamodb.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Shard iterators an attacker could make from a real one: bytes flipped, fields edited, re-encoded. */
final class Forgery {

    private Forgery() {
    }

    static String forge(String iterator, Random r) {
        switch (r.nextInt(5)) {
            case 0 -> {
                char[] c = iterator.toCharArray();
                int i = r.nextInt(c.length);
                c[i] = c[i] == 'A' ? 'B' : 'A';
                return new String(c);
            }
            case 1 -> {
                return iterator.substring(0, r.nextInt(iterator.length()));
            }
            case 2 -> {
                return iterator + Mutator.junk(r);
            }
            default -> {
                byte[] raw;
                try {
                    raw = Base64.getUrlDecoder().decode(iterator);
                } catch (IllegalArgumentException notUrlSafe) {
                    try {
                        raw = Base64.getDecoder().decode(iterator);
                    } catch (IllegalArgumentException notBase64) {
                        return iterator + "=";
                    }
                }
                String text = new String(raw, StandardCharsets.UTF_8);
                String[] parts = text.split("\\|", -1);
                int field = r.nextInt(parts.length);
                parts[field] = switch (r.nextInt(4)) {
                    case 0 -> "";
                    case 1 -> "9".repeat(1 + r.nextInt(40));
                    case 2 -> "-1";
                    default -> parts[field] + "x";
                };
                byte[] edited = String.join("|", parts).getBytes(StandardCharsets.UTF_8);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(edited);
            }
        }
    }
}

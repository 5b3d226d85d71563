package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.meridian.dynamodb.hostile.Json.arr;
import static dev.meridian.dynamodb.hostile.Json.obj;

/**
 * Random structural edits of a request tree: a member removed, renamed or duplicated, a value
 * swapped for one of another JSON type, a string cut or padded, an extra member added. The
 * result may still be valid; what it must never do is make the engine fail or hang.
 */
final class Mutator {

    private Mutator() {
    }

    /** Applies {@code edits} random edits in place and returns a description of them. */
    static List<String> mutate(ObjectNode root, Random r, int edits) {
        List<String> done = new ArrayList<>();
        for (int i = 0; i < edits; i++) {
            List<Paths.Slot> slots = Paths.all(root);
            if (slots.isEmpty()) {
                root.set("Unexpected", randomValue(r, 2));
                done.add("add Unexpected to an empty request");
                continue;
            }
            Paths.Slot slot = slots.get(r.nextInt(slots.size()));
            JsonNode current = slot.get();
            String where = (slot.field() != null ? slot.field() : "[" + slot.index() + "]");
            switch (r.nextInt(8)) {
                case 0 -> {
                    slot.remove();
                    done.add("remove " + where);
                }
                case 1 -> {
                    JsonNode v = randomValue(r, 2);
                    slot.set(v);
                    done.add("replace " + where + " with " + abbreviate(v));
                }
                case 2 -> {
                    if (slot.field() != null) {
                        ObjectNode parent = (ObjectNode) slot.parent();
                        parent.remove(slot.field());
                        String renamed = rename(slot.field(), r);
                        parent.set(renamed, current);
                        done.add("rename " + where + " to " + renamed);
                    } else {
                        ((ArrayNode) slot.parent()).add(current.deepCopy());
                        done.add("duplicate " + where);
                    }
                }
                case 3 -> {
                    if (current.isTextual()) {
                        String s = current.textValue();
                        String edited = switch (r.nextInt(4)) {
                            case 0 -> s.isEmpty() ? "" : s.substring(0, r.nextInt(s.length()));
                            case 1 -> s + junk(r);
                            case 2 -> "";
                            default -> junk(r) + s;
                        };
                        slot.set(Json.node(edited));
                        done.add("edit string " + where + " to " + abbreviate(Json.node(edited)));
                    } else {
                        slot.set(Json.node(current.toString()));
                        done.add("stringify " + where);
                    }
                }
                case 4 -> {
                    if (current.isObject()) {
                        String name = r.nextBoolean() ? junk(r) : pick(r, List.of("S", "N", "L", "M", "TableName", "Key", ":v", "#n"));
                        ((ObjectNode) current).set(name, randomValue(r, 2));
                        done.add("add member " + name + " to " + where);
                    } else if (current.isArray()) {
                        ((ArrayNode) current).add(randomValue(r, 2));
                        done.add("append to " + where);
                    } else {
                        slot.set(arr(current));
                        done.add("wrap " + where + " in a list");
                    }
                }
                case 5 -> {
                    JsonNode number = Json.node(pick(r, List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE)));
                    if (r.nextBoolean()) number = Json.F.numberNode(new java.math.BigDecimal("1e999"));
                    slot.set(number);
                    done.add("replace " + where + " with the number " + number);
                }
                case 6 -> {
                    slot.set(Json.F.nullNode());
                    done.add("null " + where);
                }
                default -> {
                    slot.set(obj("S", current.isTextual() ? current.textValue() : current.toString()));
                    done.add("wrap " + where + " as an S value");
                }
            }
        }
        return done;
    }

    static JsonNode randomValue(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 0 -> Json.node(junk(r));
            case 1 -> Json.node(r.nextInt());
            case 2 -> Json.node(r.nextBoolean());
            case 3 -> Json.F.nullNode();
            case 4 -> Json.F.numberNode(r.nextDouble() * 1e10);
            case 5 -> Json.node("");
            case 6 -> {
                ObjectNode o = obj();
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) o.set(pick(r, List.of("S", "N", "B", "L", "M", "SS", "x", "")), randomValue(r, depth - 1));
                yield o;
            }
            case 7 -> {
                ArrayNode a = arr();
                int n = r.nextInt(3);
                for (int i = 0; i < n; i++) a.add(randomValue(r, depth - 1));
                yield a;
            }
            default -> MalformedValues.any(r);
        };
    }

    private static String rename(String field, Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> field.toLowerCase();
            case 1 -> field + "x";
            case 2 -> field.isEmpty() ? "_" : field.substring(1);
            default -> " " + field;
        };
    }

    static String junk(Random r) {
        String alphabet = "ab#:.[]()=<>, \"\\'\u0000\u00e9\u2603\u0007AND OR NOT SET REMOVE";
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    /** The request as sent, cut at 1500 characters (a 400 KB string would drown the failure). */
    static String show(JsonNode v) {
        String s = v.toString();
        return s.length() > 1500 ? s.substring(0, 1500) + "… (" + s.length() + " characters)" : s;
    }

    static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}

package dev.meridian.dynamodb.hostile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static dev.meridian.dynamodb.hostile.Json.arr;
import static dev.meridian.dynamodb.hostile.Json.obj;

/** Attribute values that the AttributeValue rules of the API Reference forbid, one family each. */
final class MalformedValues {

    private MalformedValues() {
    }

    private static final List<Supplier<JsonNode>> ALL = List.of(
            () -> obj(),                                   // no type at all
            () -> obj("S", 1),                             // S must be a string
            () -> obj("S", null),
            () -> obj("N", "abc"),                         // not a number
            () -> obj("N", ""),
            () -> obj("N", "--1"),
            () -> obj("N", "1e400"),                       // magnitude beyond 1E+126
            () -> obj("N", "1E-131"),                      // below 1E-130
            () -> obj("N", "1234567890123456789012345678901234567890"), // 40 significant digits
            () -> obj("N", 5),                             // N must be a string
            () -> obj("SS", arr()),                        // empty set
            () -> obj("SS", arr("a", "a")),                // duplicates
            () -> obj("SS", "a"),
            () -> obj("NS", arr("x")),
            () -> obj("NS", arr("1", "1.0")),              // duplicates once normalised
            () -> obj("BS", arr("AQ==", "AQ==")),
            () -> obj("BS", arr()),
            () -> obj("NULL", false),
            () -> obj("NULL", "true"),
            () -> obj("BOOL", "yes"),
            () -> obj("B", "***not base64***"),
            () -> obj("B", 12),
            () -> obj("S", "a", "N", "1"),                 // two types at once
            () -> obj("Q", "x"),                           // unknown type
            () -> obj("s", "lower-case type"),
            () -> obj("L", obj()),                         // L must be a list
            () -> obj("M", arr()),                         // M must be a map
            () -> obj("L", arr(obj("Q", 1))),              // bad value nested in a list
            () -> obj("M", obj("k", obj())),               // bad value nested in a map
            () -> obj("M", obj("k", obj("SS", arr()))),
            () -> Json.node("a bare string"),
            () -> Json.node(5),
            () -> arr(),
            () -> Json.node(true));

    static JsonNode any(Random r) {
        return ALL.get(r.nextInt(ALL.size())).get();
    }

    static int count() {
        return ALL.size();
    }
}

package dev.meridian.dynamodb.replication;

import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.Database;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.StoredItem;
import dev.meridian.dynamodb.storage.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Compares every other region's replica of a table with the first region's, item by item. */
final class Differences {

    static final int MAX_LINES = 100;

    private Differences() {
    }

    static List<String> between(Map<String, Database> databases, List<String> tables) {
        List<String> out = new ArrayList<>();
        long more = 0;
        String first = databases.keySet().iterator().next();
        for (String name : tables) {
            Table a = databases.get(first).table(name);
            for (Map.Entry<String, Database> e : databases.entrySet()) {
                if (e.getKey().equals(first)) continue;
                Table b = e.getValue().table(name);
                if (a == null || b == null) {
                    out.add(name + ": the table is missing in " + (a == null ? first : e.getKey()));
                    continue;
                }
                more += compare(name, first, a, e.getKey(), b, out);
            }
        }
        if (more > 0) out.add("... and " + more + " more differences");
        return out;
    }

    /** Adds lines while there is room; returns how many differences did not fit. */
    private static long compare(String name, String ra, Table a, String rb, Table b, List<String> out) {
        long more = 0;
        Iterator<Map.Entry<ItemKey, StoredItem>> ia = a.items().entrySet().iterator();
        Iterator<Map.Entry<ItemKey, StoredItem>> ib = b.items().entrySet().iterator();
        Map.Entry<ItemKey, StoredItem> x = next(ia);
        Map.Entry<ItemKey, StoredItem> y = next(ib);
        while (x != null || y != null) {
            int c = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
            String line = null;
            if (c < 0) {
                line = name + ": " + keys(a, x.getValue()) + " is in " + ra + " but not in " + rb;
                x = next(ia);
            } else if (c > 0) {
                line = name + ": " + keys(b, y.getValue()) + " is in " + rb + " but not in " + ra;
                y = next(ib);
            } else {
                if (!same(x.getValue(), y.getValue())) {
                    line = name + ": " + keys(a, x.getValue()) + " differs: " + ra + " has " + x.getValue().item()
                            + ", " + rb + " has " + y.getValue().item();
                }
                x = next(ia);
                y = next(ib);
            }
            if (line != null) {
                if (out.size() < MAX_LINES) out.add(line);
                else more++;
            }
        }
        return more;
    }

    private static boolean same(StoredItem a, StoredItem b) {
        return Arrays.equals(a.json(), b.json()) || Objects.equals(a.item(), b.item());
    }

    private static String keys(Table t, StoredItem s) {
        Map<String, AttributeValue> item = s.item();
        return "item " + t.definition().key().project(item);
    }

    private static <T> T next(Iterator<T> i) {
        return i.hasNext() ? i.next() : null;
    }
}

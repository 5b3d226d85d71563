package dev.meridian.bench.engine;

import dev.meridian.dynamodb.DynamoDbEngine;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import dev.meridian.dynamodb.storage.ItemKey;
import dev.meridian.dynamodb.storage.Table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's process for bench section (f): the DynamoDB engine alone in a child JVM (the
 * bench starts it with {@code -Xmx1g}), so that its heap and CPU are its own and the client
 * runs in another process. Prints {@code endpoint URL}, then answers one command per line on
 * stdin: {@code preload TABLE N} (N items loaded through the engine's in-process write path,
 * for speed: not measured calls), {@code heap} (used heap after GC, bytes), {@code quit}.
 */
public final class EngineHost {

    private EngineHost() {
    }

    public static void main(String[] args) throws IOException {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).build().start()) {
            System.out.println("endpoint " + engine.endpoint());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "preload" -> {
                        long start = System.nanoTime();
                        preload(engine, words[1], Integer.parseInt(words[2]));
                        System.out.println("loaded " + (System.nanoTime() - start));
                    }
                    case "heap" -> System.out.println("heap " + usedHeapAfterGc());
                    case "quit" -> {
                        return;
                    }
                    default -> System.out.println("error unknown command: " + line);
                }
                System.out.flush();
            }
        }
    }

    /** Used heap after two full collections (MemoryMXBean), bytes. */
    static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** {@code count} items of {@link ItemShape#BYTES} bytes, 1,000 per write, keys {@code load-0 ...}. */
    static void preload(DynamoDbEngine engine, String tableName, int count) {
        Table table = engine.database().requireTable(tableName);
        for (int i = 0; i < count; i += 1000) {
            int from = i;
            engine.database().write(ItemChange.Origin.CLIENT, tx -> {
                for (int j = from; j < Math.min(from + 1000, count); j++) {
                    Map<String, AttributeValue> item = item("load-" + j);
                    tx.put(table, ItemKey.of(item.get(ItemShape.KEY), null), item);
                }
                return null;
            });
        }
    }

    private static Map<String, AttributeValue> item(String pk) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(ItemShape.KEY, new AttributeValue.S(pk));
        item.put("status", new AttributeValue.S(ItemShape.STATUS));
        item.put("amount", AttributeValue.N.of(ItemShape.AMOUNT));
        item.put("customer", new AttributeValue.S(ItemShape.CUSTOMER));
        item.put("note", new AttributeValue.S(ItemShape.NOTE));
        return item;
    }
}

package dev.meridian.inventory.support;

import dev.meridian.inventory.adapters.InventoryKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DESIGN.md invariant 1 for one sku in one region, read straight from the table:
 * no counter below zero, {@code restocked + receivedIn - sentOut == available + reserved + sold}, the
 * allocation agrees with the reservation items, and no more units were handed out
 * (reserved or sold to orders) than were ever stocked — no oversell.
 *
 * <p>Returns the violations found (empty when the invariant holds), so that a negative
 * control can assert that the check does catch a broken implementation.
 */
public final class StockInvariant {

    private StockInvariant() {
    }

    public static List<String> violations(DynamoDbClient dynamoDb, String table, String sku, String region) {
        List<String> violations = new ArrayList<>();
        Map<String, AttributeValue> alloc = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(InventoryKeys.allocation(sku, region))
                .consistentRead(true).build()).item();
        long available = n(alloc, "available");
        long reserved = n(alloc, "reserved");
        long sold = n(alloc, "sold");
        long restocked = n(alloc, "restocked");
        long sentOut = n(alloc, "sentOut");
        long receivedIn = n(alloc, "receivedIn");
        long held = restocked + receivedIn - sentOut;

        long heldReserved = 0;
        long heldSold = 0;
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamoDb.scan(ScanRequest.builder().tableName(table).consistentRead(true).exclusiveStartKey(start).build());
            for (var item : page.items()) {
                if (!InventoryKeys.isReservation(item) || !item.containsKey("lines")) {
                    continue;
                }
                String status = item.get("status").s();
                for (AttributeValue line : item.get("lines").l()) {
                    if (!sku.equals(line.m().get("sku").s())) {
                        continue;
                    }
                    long q = Long.parseLong(line.m().get("quantity").n());
                    if (status.equals("RESERVED")) {
                        heldReserved += q;
                    } else if (status.equals("SOLD")) {
                        heldSold += q;
                    }
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        if (available < 0 || reserved < 0 || sold < 0 || sentOut < 0 || receivedIn < 0) {
            violations.add("negative stock: available=" + available + " reserved=" + reserved + " sold=" + sold
                    + " sentOut=" + sentOut + " receivedIn=" + receivedIn);
        }
        if (held != available + reserved + sold) {
            violations.add("conservation broken: restocked+receivedIn-sentOut=" + held + " but available+reserved+sold="
                    + (available + reserved + sold));
        }
        if (alloc != null && !alloc.isEmpty() && (!alloc.containsKey("sentOut") || !alloc.containsKey("receivedIn"))) {
            violations.add("allocation lacks sentOut/receivedIn: " + alloc.keySet());
        }
        if (heldReserved + heldSold > held) {
            violations.add("oversell: " + (heldReserved + heldSold) + " units handed out to orders, only " + held + " held");
        }
        if (heldReserved != reserved || heldSold != sold) {
            violations.add("allocation disagrees with reservations: allocation reserved=" + reserved + " sold=" + sold
                    + ", reservations hold reserved=" + heldReserved + " sold=" + heldSold);
        }
        return violations;
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}

package dev.meridian.inventory.adapters;

import dev.meridian.inventory.domain.Stock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;

/** Attribute values of the inventory table's items, and how a cancelled transaction names the item that failed. */
final class InventoryItems {

    private InventoryItems() {
    }

    static boolean conditionFailed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return reasons != null && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    static Stock stock(Map<String, AttributeValue> item) {
        // sentOut and receivedIn: 0 on allocations written before transfers existed
        return new Stock(n(item, "available"), n(item, "reserved"), n(item, "sold"), n(item, "restocked"),
                n(item, "sentOut"), n(item, "receivedIn"));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }
}

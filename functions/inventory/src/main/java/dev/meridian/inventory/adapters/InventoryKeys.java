package dev.meridian.inventory.adapters;

import dev.meridian.common.readmodels.inventory.ProductPrices;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The one home of the inventory table's key formats (single-table design). The product item's
 * key is published to other services with the price read model ({@link ProductPrices}); every
 * other key is inventory's alone:
 * <ul>
 *   <li>product: {@code PRODUCT#<sku>} / {@code PRODUCT}</li>
 *   <li>allocation: {@code PRODUCT#<sku>} / {@code ALLOC#<region>}, written only by its own region</li>
 *   <li>reservation: {@code ORDER#<orderId>} / {@code RESERVATION}; while RESERVED its
 *       {@code expiryBucket} is {@code RESERVED#<region>} (the sparse {@code byExpiry} index)</li>
 *   <li>restock marker: {@code RESTOCK#<region>#<restockId>} / {@code RESTOCK}</li>
 * </ul>
 */
public final class InventoryKeys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRY_INDEX = "byExpiry";
    static final String ALLOCATION_PREFIX = "ALLOC#";
    static final String ORDER_PREFIX = "ORDER#";
    static final String RESERVATION_ITEM = "RESERVATION";

    private InventoryKeys() {
    }

    public static Map<String, AttributeValue> product(String sku) {
        return ProductPrices.productKey(sku);
    }

    /** The partition of {@code sku}'s product and allocation items. */
    public static AttributeValue productPartition(String sku) {
        return ProductPrices.partition(sku);
    }

    public static String productPartitionPrefix() {
        return ProductPrices.PRODUCT_PARTITION;
    }

    public static boolean isProductItem(Map<String, AttributeValue> item) {
        return ProductPrices.PRODUCT_ITEM.equals(item.get(SK).s());
    }

    public static String allocationSortKey(String region) {
        return ALLOCATION_PREFIX + region;
    }

    public static boolean isAllocation(Map<String, AttributeValue> item) {
        return item.get(SK).s().startsWith(ALLOCATION_PREFIX);
    }

    /** The region of an allocation item (from its key). */
    public static String allocationRegion(Map<String, AttributeValue> item) {
        return item.get(SK).s().substring(ALLOCATION_PREFIX.length());
    }

    public static Map<String, AttributeValue> allocation(String sku, String region) {
        return Map.of(PK, productPartition(sku), SK, AttributeValue.fromS(allocationSortKey(region)));
    }

    public static Map<String, AttributeValue> reservation(String orderId) {
        return Map.of(PK, AttributeValue.fromS(ORDER_PREFIX + orderId), SK, AttributeValue.fromS(RESERVATION_ITEM));
    }

    public static boolean isReservation(Map<String, AttributeValue> item) {
        return RESERVATION_ITEM.equals(item.get(SK).s());
    }

    /** The order id of a reservation item's key. */
    public static String reservationOrderId(Map<String, AttributeValue> key) {
        return key.get(PK).s().substring(ORDER_PREFIX.length());
    }

    public static String expiryBucket(String region) {
        return "RESERVED#" + region;
    }

    public static Map<String, AttributeValue> restockMarker(String region, String restockId) {
        return Map.of(PK, AttributeValue.fromS("RESTOCK#" + region + "#" + restockId), SK, AttributeValue.fromS("RESTOCK"));
    }
}

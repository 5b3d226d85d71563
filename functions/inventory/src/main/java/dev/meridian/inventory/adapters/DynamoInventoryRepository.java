package dev.meridian.inventory.adapters;

import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.lock.FencedWrites;
import dev.meridian.common.lock.Lease;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.inventory.app.InventoryRepository;
import dev.meridian.inventory.app.RestockKeyReusedException;
import dev.meridian.inventory.domain.OrderLine;
import dev.meridian.inventory.domain.Product;
import dev.meridian.inventory.domain.ProductView;
import dev.meridian.inventory.domain.Reservation;
import dev.meridian.inventory.domain.ReservationStatus;
import dev.meridian.inventory.domain.ReserveOutcome;
import dev.meridian.inventory.domain.Stock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.meridian.inventory.adapters.InventoryItems.conditionFailed;
import static dev.meridian.inventory.adapters.InventoryItems.n;
import static dev.meridian.inventory.adapters.InventoryItems.s;
import static dev.meridian.inventory.adapters.InventoryItems.stock;

/**
 * Inventory on one DynamoDB table (single-table design, keys in {@link InventoryKeys}): the
 * product item (name, price, currency); one allocation per region (available, reserved, sold,
 * restocked — written only by its own region: escrow); one reservation per order (status, lines,
 * expiresAt; while RESERVED it sits in the sparse {@code byExpiry} index the sweeper reads); one
 * marker per applied restock.
 */
public final class DynamoInventoryRepository implements InventoryRepository {

    public static final String EXPIRY_INDEX = InventoryKeys.EXPIRY_INDEX;

    // available >= :q — never reserve more than is available: no oversell
    static final String CONDITION_CAN_RESERVE = "#available >= :q";
    static final String UPDATE_RESERVE = "SET #available = #available - :q, #reserved = #reserved + :q";
    // reserved >= :q — a commit or release moves only stock this reservation holds
    static final String CONDITION_HOLDS_RESERVED = "#reserved >= :q";
    static final String UPDATE_COMMIT = "SET #reserved = #reserved - :q, #sold = #sold + :q";
    static final String UPDATE_RELEASE_RESERVED = "SET #reserved = #reserved - :q, #available = #available + :q";
    // sold >= :q
    static final String CONDITION_HOLDS_SOLD = "#sold >= :q";
    static final String UPDATE_RELEASE_SOLD = "SET #sold = #sold - :q, #available = #available + :q";
    // attribute_not_exists(pk) — one decision per order
    static final String CONDITION_NEW = "attribute_not_exists(#pk)";
    // status = :expected — the reservation is still in the state we decided from
    static final String CONDITION_STATUS = "#status = :expected";
    // status = RESERVED AND attribute_exists(expiryBucket) — still reserved and not yet reported as expired
    static final String CONDITION_UNREPORTED = "#status = :expected AND attribute_exists(#bucket)";
    // attribute_exists(pk) — restock only a product that exists
    static final String CONDITION_EXISTS = "attribute_exists(#pk)";
    static final String UPDATE_RESTOCK = "SET #sku = :sku, #region = :region ADD #available :q, #restocked :q, #reserved :zero, #sold :zero, #sentOut :zero, #receivedIn :zero";
    // attribute_not_exists(pk) — a restock id is applied once (its marker item is written with the restock)
    static final String CONDITION_RESTOCK_NOT_APPLIED = "attribute_not_exists(#pk)";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Outbox outbox;
    private final String region;
    private final Clock clock;

    public DynamoInventoryRepository(DynamoDbClient dynamoDb, String table, Outbox outbox, String region, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.outbox = outbox;
        this.region = region;
        this.clock = clock;
    }

    /** The marker of an applied restock, written by this region only. */
    Map<String, AttributeValue> restockMarkerKey(String restockId) {
        return InventoryKeys.restockMarker(region, restockId);
    }

    Map<String, AttributeValue> allocationKey(String sku) {
        return InventoryKeys.allocation(sku, region);
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Optional<ProductView> find(String sku) {
        var items = dynamoDb.query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", "pk"))
                .expressionAttributeValues(Map.of(":pk", InventoryKeys.productPartition(sku)))
                .consistentRead(true).build()).items();
        return toViews(items).stream().findFirst();
    }

    @Override
    public List<ProductView> list() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamoDb.scan(ScanRequest.builder().tableName(table)
                    .filterExpression("begins_with(#pk, :product)")
                    .expressionAttributeNames(Map.of("#pk", "pk"))
                    .expressionAttributeValues(Map.of(":product", s(InventoryKeys.productPartitionPrefix())))
                    .exclusiveStartKey(start).build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        List<ProductView> views = toViews(items);
        views.sort((a, b) -> a.product().sku().compareTo(b.product().sku()));
        return views;
    }

    private List<ProductView> toViews(List<Map<String, AttributeValue>> items) {
        Map<String, Product> products = new LinkedHashMap<>();
        Map<String, Stock> stocks = new HashMap<>();
        Map<String, Map<String, Stock>> regions = new HashMap<>();
        String allocSk = InventoryKeys.allocationSortKey(region);
        for (var item : items) {
            String sk = item.get("sk").s();
            if (InventoryKeys.isProductItem(item)) {
                products.put(item.get("sku").s(), new Product(item.get("sku").s(), item.get("name").s(),
                        n(item, "price"), item.get("currency").s()));
            } else if (InventoryKeys.isAllocation(item)) {
                regions.computeIfAbsent(item.get("sku").s(), k -> new HashMap<>()).put(InventoryKeys.allocationRegion(item), stock(item));
                if (sk.equals(allocSk)) {
                    stocks.put(item.get("sku").s(), stock(item));
                }
            }
        }
        List<ProductView> views = new ArrayList<>();
        products.forEach((sku, p) -> views.add(new ProductView(p, stocks.getOrDefault(sku, Stock.NONE), regions.getOrDefault(sku, Map.of()))));
        return views;
    }

    @Override
    public boolean upsert(Product product) {
        var old = dynamoDb.updateItem(UpdateItemRequest.builder().tableName(table)
                .key(InventoryKeys.product(product.sku()))
                .updateExpression("SET #sku = :sku, #name = :name, #price = :price, #currency = :currency, #updatedAt = :now")
                .expressionAttributeNames(Map.of("#sku", "sku", "#name", "name", "#price", "price", "#currency", "currency", "#updatedAt", "updatedAt"))
                .expressionAttributeValues(Map.of(":sku", s(product.sku()), ":name", s(product.name()),
                        ":price", n(product.price()), ":currency", s(product.currency()), ":now", s(clock.instant().toString())))
                .returnValues(ReturnValue.UPDATED_OLD).build());
        return !old.hasAttributes() || old.attributes().isEmpty();
    }

    @Override
    public Optional<Stock> restock(String sku, long quantity, String restockId) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(InventoryKeys.product(sku)).conditionExpression(CONDITION_EXISTS)
                .expressionAttributeNames(Map.of("#pk", "pk")).build()).build());
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(allocationKey(sku)).updateExpression(UPDATE_RESTOCK)
                .expressionAttributeNames(Map.of("#sku", "sku", "#region", "region", "#available", "available",
                        "#restocked", "restocked", "#reserved", "reserved", "#sold", "sold", "#sentOut", "sentOut", "#receivedIn", "receivedIn"))
                .expressionAttributeValues(Map.of(":sku", s(sku), ":region", s(region), ":q", n(quantity), ":zero", n(0)))
                .build()).build());
        if (restockId != null) {
            Map<String, AttributeValue> marker = new HashMap<>(restockMarkerKey(restockId));
            marker.put("sku", s(sku));
            marker.put("quantity", n(quantity));
            marker.put("region", s(region));
            marker.put("appliedAt", s(clock.instant().toString()));
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(marker)
                    .conditionExpression(CONDITION_RESTOCK_NOT_APPLIED)
                    .expressionAttributeNames(Map.of("#pk", "pk")).build()).build());
        }
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, 0)) {
                return Optional.empty();
            }
            if (restockId == null || !conditionFailed(e, 2)) {
                throw e;
            }
            // applied before (a retry after an unknown outcome): nothing to add, unless the id names another restock
            var marker = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(restockMarkerKey(restockId))
                    .consistentRead(true).build()).item();
            if (!sku.equals(marker.get("sku").s()) || quantity != Long.parseLong(marker.get("quantity").n())) {
                throw new RestockKeyReusedException();
            }
        }
        var item = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(allocationKey(sku)).consistentRead(true).build()).item();
        return Optional.of(stock(item));
    }

    @Override
    public ReserveOutcome reserve(Reservation reservation, DomainEvent reserved) {
        List<TransactWriteItem> items = new ArrayList<>();
        for (OrderLine line : reservation.lines()) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(allocationKey(line.sku()))
                    .updateExpression(UPDATE_RESERVE)
                    .conditionExpression(CONDITION_CAN_RESERVE)
                    .expressionAttributeNames(Map.of("#available", "available", "#reserved", "reserved"))
                    .expressionAttributeValues(Map.of(":q", n(line.quantity())))
                    .build()).build());
        }
        Map<String, AttributeValue> item = reservationItem(reservation.orderId(), ReservationStatus.RESERVED, reservation.lines());
        item.put("expiresAt", n(reservation.expiresAt().getEpochSecond()));
        item.put("expiryBucket", s(expiryBucket()));
        int reservationIndex = items.size();
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(CONDITION_NEW).expressionAttributeNames(Map.of("#pk", "pk"))
                .returnValuesOnConditionCheckFailure("ALL_OLD").build()).build());
        items.add(outbox.put(reserved));
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
            return new ReserveOutcome.Reserved();
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (conditionFailed(e, reservationIndex)) {
                Map<String, AttributeValue> old = reasons.get(reservationIndex).item();
                return new ReserveOutcome.AlreadyDecided(old != null && old.containsKey("status")
                        ? ReservationStatus.valueOf(old.get("status").s()) : ReservationStatus.RESERVED);
            }
            List<String> short_ = new ArrayList<>();
            for (int i = 0; i < reservation.lines().size(); i++) {
                if (conditionFailed(e, i)) {
                    short_.add(reservation.lines().get(i).sku());
                }
            }
            if (!short_.isEmpty()) {
                return new ReserveOutcome.Insufficient(short_);
            }
            throw e;
        }
    }

    @Override
    public boolean reject(String orderId, List<OrderLine> lines, DomainEvent rejected) {
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(reservationItem(orderId, ReservationStatus.REJECTED, lines))
                            .conditionExpression(CONDITION_NEW).expressionAttributeNames(Map.of("#pk", "pk")).build()).build(),
                    outbox.put(rejected)).build());
            return true;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<Reservation> findReservation(String orderId) {
        var item = dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(InventoryKeys.reservation(orderId)).consistentRead(true).build());
        if (!item.hasItem() || item.item().isEmpty()) {
            return Optional.empty();
        }
        var i = item.item();
        List<OrderLine> lines = new ArrayList<>();
        if (i.containsKey("lines")) {
            for (AttributeValue l : i.get("lines").l()) {
                lines.add(new OrderLine(l.m().get("sku").s(), Long.parseLong(l.m().get("quantity").n())));
            }
        }
        Instant expiresAt = i.containsKey("expiresAt") ? Instant.ofEpochSecond(n(i, "expiresAt")) : null;
        String resRegion = i.containsKey("region") ? i.get("region").s() : region;
        return Optional.of(new Reservation(orderId, resRegion, lines, ReservationStatus.valueOf(i.get("status").s()), expiresAt));
    }

    @Override
    public boolean commit(Reservation reservation) {
        return move(reservation, ReservationStatus.SOLD, UPDATE_COMMIT, CONDITION_HOLDS_RESERVED, Map.of("#reserved", "reserved", "#sold", "sold"));
    }

    @Override
    public boolean release(Reservation expected) {
        if (expected.status() == ReservationStatus.SOLD) {
            return move(expected, ReservationStatus.RELEASED, UPDATE_RELEASE_SOLD, CONDITION_HOLDS_SOLD, Map.of("#sold", "sold", "#available", "available"));
        }
        return move(expected, ReservationStatus.RELEASED, UPDATE_RELEASE_RESERVED, CONDITION_HOLDS_RESERVED, Map.of("#reserved", "reserved", "#available", "available"));
    }

    private boolean move(Reservation reservation, ReservationStatus to, String allocationUpdate, String allocationCondition, Map<String, String> names) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InventoryKeys.reservation(reservation.orderId()))
                .updateExpression("SET #status = :to, #updatedAt = :now REMOVE #bucket")
                .conditionExpression(CONDITION_STATUS)
                .expressionAttributeNames(Map.of("#status", "status", "#updatedAt", "updatedAt", "#bucket", "expiryBucket"))
                .expressionAttributeValues(Map.of(":to", s(to.name()), ":expected", s(reservation.status().name()), ":now", s(clock.instant().toString())))
                .build()).build());
        for (OrderLine line : reservation.lines()) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(InventoryKeys.allocation(line.sku(), reservation.region()))
                    .updateExpression(allocationUpdate)
                    .conditionExpression(allocationCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(Map.of(":q", n(line.quantity())))
                    .build()).build());
        }
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
            return true;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, 0)) {
                return false;
            }
            throw new IllegalStateException("stock of order " + reservation.orderId() + " does not match its reservation "
                    + reservation.status() + "; refusing to move it to " + to, e);
        }
    }

    @Override
    public boolean tombstone(String orderId) {
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table)
                    .item(reservationItem(orderId, ReservationStatus.RELEASED, List.of()))
                    .conditionExpression(CONDITION_NEW).expressionAttributeNames(Map.of("#pk", "pk")).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public List<Reservation> expiredReservations(Instant now, int limit) {
        var items = dynamoDb.query(QueryRequest.builder().tableName(table).indexName(EXPIRY_INDEX)
                .keyConditionExpression("#bucket = :bucket AND #expiresAt < :now")
                .expressionAttributeNames(Map.of("#bucket", "expiryBucket", "#expiresAt", "expiresAt"))
                .expressionAttributeValues(Map.of(":bucket", s(expiryBucket()), ":now", n(now.getEpochSecond())))
                .limit(limit).build()).items();
        List<Reservation> out = new ArrayList<>();
        for (var i : items) {
            findReservation(InventoryKeys.reservationOrderId(i))
                    .filter(r -> r.status() == ReservationStatus.RESERVED)
                    .ifPresent(out::add);
        }
        return out;
    }

    @Override
    public boolean reportExpired(Reservation reservation, DomainEvent expired, Lease lease) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(InventoryKeys.reservation(reservation.orderId()))
                .updateExpression("SET #reportedAt = :now REMOVE #bucket")
                .conditionExpression(CONDITION_UNREPORTED)
                .expressionAttributeNames(Map.of("#status", "status", "#bucket", "expiryBucket", "#reportedAt", "expiryReportedAt"))
                .expressionAttributeValues(Map.of(":expected", s(ReservationStatus.RESERVED.name()), ":now", s(clock.instant().toString())))
                .build()).build());
        items.add(outbox.put(expired));
        try {
            FencedWrites.of(dynamoDb, lease).transactWrite(items);
            return true;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, 0)) {
                return false;
            }
            throw e;
        }
    }

    private String expiryBucket() {
        return InventoryKeys.expiryBucket(region);
    }

    private Map<String, AttributeValue> reservationItem(String orderId, ReservationStatus status, List<OrderLine> lines) {
        Map<String, AttributeValue> item = new HashMap<>(InventoryKeys.reservation(orderId));
        item.put("orderId", s(orderId));
        item.put("status", s(status.name()));
        item.put("region", s(region));
        item.put("lines", AttributeValue.fromL(lines.stream().map(l -> AttributeValue.fromM(Map.of(
                "sku", s(l.sku()), "quantity", n(l.quantity())))).toList()));
        item.put("createdAt", s(clock.instant().toString()));
        return item;
    }
}

package dev.meridian.orders.adapters;

import dev.meridian.common.contracts.orders.CancelRequested;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.orders.app.OrderRepository;
import dev.meridian.orders.domain.CancellationReason;
import dev.meridian.orders.domain.Order;
import dev.meridian.orders.domain.OrderLine;
import dev.meridian.orders.domain.OrderStatus;
import dev.meridian.orders.domain.PaymentStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders on DynamoDB: one item per order, GSI {@code byCustomer} (customerId, createdAt). */
public final class DynamoOrderRepository implements OrderRepository {

    public static final String CUSTOMER_INDEX = "byCustomer";
    static final String CANCEL_REQUEST_PREFIX = "CANCELREQ#";

    // attribute_not_exists(orderId) — an order is created once
    static final String CONDITION_NEW = "attribute_not_exists(#orderId)";
    // version = :expected — nobody changed the order since we read it (optimistic concurrency)
    static final String CONDITION_VERSION = "#version = :expected";

    /**
     * Timestamps are stored with a fixed-width fraction (always 9 digits) so that their string order
     * is their time order: {@code createdAt} is the sort key of {@code byCustomer}, and
     * {@link Instant#toString()} drops or shortens the fraction ({@code ...:00Z} would sort after
     * {@code ...:00.500Z}).
     */
    static final DateTimeFormatter SORTABLE_INSTANT = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Outbox outbox;

    public DynamoOrderRepository(DynamoDbClient dynamoDb, String table, Outbox outbox) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.outbox = outbox;
    }

    @Override
    public Optional<Order> find(String orderId) {
        var response = dynamoDb.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of("orderId", AttributeValue.fromS(orderId))).consistentRead(true).build());
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(response.item())) : Optional.empty();
    }

    @Override
    public List<Order> byCustomer(String customerId, int limit) {
        var items = dynamoDb.query(QueryRequest.builder().tableName(table).indexName(CUSTOMER_INDEX)
                .keyConditionExpression("#customerId = :customerId")
                .expressionAttributeNames(Map.of("#customerId", "customerId"))
                .expressionAttributeValues(Map.of(":customerId", AttributeValue.fromS(customerId)))
                .scanIndexForward(false).limit(limit).build()).items();
        return items.stream().map(DynamoOrderRepository::fromItem).toList();
    }

    @Override
    public boolean create(Order order, List<DomainEvent> events) {
        return write(order, events, CONDITION_NEW, Map.of("#orderId", "orderId"), Map.of());
    }

    @Override
    public boolean update(Order next, DomainEvent event) {
        return write(next, event == null ? List.of() : List.of(event), CONDITION_VERSION, Map.of("#version", "version"),
                Map.of(":expected", AttributeValue.fromN(Long.toString(next.version() - 1))));
    }

    /**
     * The key of region {@code region}'s cancel request for an order: one item per (order,
     * requesting region), so each has one writer region. It stays outside the {@code byCustomer}
     * index: it has no {@code customerId} or {@code createdAt} (the customer is {@code requestedBy}).
     */
    public static String cancelRequestKey(String orderId, String region) {
        return CANCEL_REQUEST_PREFIX + orderId + "#" + region;
    }

    @Override
    public boolean recordCancelRequest(CancelRequested request, Instant requestedAt, DomainEvent event) {
        Map<String, AttributeValue> item = Map.of(
                "orderId", AttributeValue.fromS(cancelRequestKey(request.orderId(), request.requestedIn())),
                "kind", AttributeValue.fromS("CANCEL_REQUEST"),
                "requestFor", AttributeValue.fromS(request.orderId()),
                "requestedBy", AttributeValue.fromS(request.customerId()),
                "requestedIn", AttributeValue.fromS(request.requestedIn()),
                "homeRegion", AttributeValue.fromS(request.homeRegion()),
                "requestedAt", AttributeValue.fromS(SORTABLE_INSTANT.format(requestedAt)),
                "eventId", AttributeValue.fromS(event.eventId()));
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression(CONDITION_NEW).expressionAttributeNames(Map.of("#orderId", "orderId")).build()).build(),
                outbox.put(event, request.homeRegion()));
        return transact(items);
    }

    private boolean write(Order order, List<DomainEvent> events, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        List<TransactWriteItem> items = new ArrayList<>();
        Put.Builder put = Put.builder().tableName(table).item(toItem(order)).conditionExpression(condition).expressionAttributeNames(names);
        if (!values.isEmpty()) {
            put.expressionAttributeValues(values);
        }
        items.add(TransactWriteItem.builder().put(put.build()).build());
        events.forEach(event -> items.add(outbox.put(event)));
        return transact(items);
    }

    /** False when the first item's condition failed (the caller's expectation about it was stale). */
    private boolean transact(List<TransactWriteItem> items) {
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
            return true;
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    static Map<String, AttributeValue> toItem(Order o) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", AttributeValue.fromS(o.orderId()));
        item.put("customerId", AttributeValue.fromS(o.customerId()));
        item.put("lines", AttributeValue.fromL(o.lines().stream().map(l -> AttributeValue.fromM(Map.of(
                "sku", AttributeValue.fromS(l.sku()),
                "quantity", AttributeValue.fromN(Long.toString(l.quantity())),
                "unitPrice", AttributeValue.fromN(Long.toString(l.unitPrice()))))).toList()));
        item.put("total", AttributeValue.fromN(Long.toString(o.total())));
        item.put("currency", AttributeValue.fromS(o.currency()));
        item.put("status", AttributeValue.fromS(o.status().name()));
        item.put("paymentStatus", AttributeValue.fromS(o.paymentStatus().name()));
        if (o.cancellationReason() != null) {
            item.put("cancellationReason", AttributeValue.fromS(o.cancellationReason().name()));
        }
        item.put("version", AttributeValue.fromN(Long.toString(o.version())));
        item.put("homeRegion", AttributeValue.fromS(o.homeRegion()));
        item.put("createdAt", AttributeValue.fromS(SORTABLE_INSTANT.format(o.createdAt())));
        item.put("updatedAt", AttributeValue.fromS(SORTABLE_INSTANT.format(o.updatedAt())));
        return item;
    }

    static Order fromItem(Map<String, AttributeValue> i) {
        List<OrderLine> lines = i.get("lines").l().stream().map(l -> new OrderLine(l.m().get("sku").s(),
                Long.parseLong(l.m().get("quantity").n()), Long.parseLong(l.m().get("unitPrice").n()))).toList();
        return new Order(i.get("orderId").s(), i.get("customerId").s(), lines, Long.parseLong(i.get("total").n()),
                i.get("currency").s(), OrderStatus.valueOf(i.get("status").s()), PaymentStatus.valueOf(i.get("paymentStatus").s()),
                i.containsKey("cancellationReason") ? CancellationReason.valueOf(i.get("cancellationReason").s()) : null,
                Long.parseLong(i.get("version").n()), i.get("homeRegion").s(),
                Instant.parse(i.get("createdAt").s()), Instant.parse(i.get("updatedAt").s()));
    }
}

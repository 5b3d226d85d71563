package dev.meridian.bench;

import dev.meridian.inventory.adapters.InventoryKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The handlers the bench measures, one line each: the function's logical id, its handler
 * class (looked up by name, so a function that is not on the classpath is reported as
 * skipped), the fixture event, and the raw SDK calls that event makes the handler do.
 *
 * <p>The bench checks the raw calls against the calls the handler actually made (by
 * operation name, with an SDK interceptor) and flags a mismatch.
 */
final class Targets {

    private Targets() {
    }

    /** One measured handler. */
    record Target(String function, String handlerClass, String fixture, Function<World, byte[]> event, RawCalls raw) {
    }

    /** The SDK calls a fixture makes the handler do, issued directly with the same clients. */
    @FunctionalInterface
    interface RawCalls {
        void run(World world, DynamoDbClient dynamoDb, EventBridgeClient eventBridge);
    }

    static final List<Target> ALL = List.of(
            new Target("ProductsApiFunction", "dev.meridian.inventory.handlers.ProductsApiHandler",
                    "HTTP GET /products/{sku}", World::getProduct, Targets::queryProduct),
            new Target("OrdersApiFunction", "dev.meridian.orders.handlers.OrdersApiHandler",
                    "HTTP GET /orders/{orderId}", World::getOrder, Targets::getOrder),
            new Target("OrderEventsFunction", "dev.meridian.orders.handlers.OrderEventsHandler",
                    "SQS PaymentCaptured (already confirmed)", World::paymentCaptured, Targets::getOrder),
            new Target("InventoryEventsFunction", "dev.meridian.inventory.handlers.InventoryEventsHandler",
                    "SQS OrderCancelled (already released)", World::orderCancelled, Targets::getReservation),
            new Target("ReservationSweeperFunction", "dev.meridian.inventory.handlers.ReservationSweeperHandler",
                    "schedule (nothing expired)", World::schedule, Targets::queryExpired),
            new Target("OutboxPublisherFunction", "dev.meridian.outbox.handlers.OutboxPublisherHandler",
                    "stream INSERT (one event)", World::outboxInsert, Targets::putEvent),
            new Target("PaymentEventsFunction", "dev.meridian.payments.handlers.PaymentEventsHandler",
                    "SQS InventoryReserved (already captured)", World::inventoryReserved, Targets::claimPayment)
    );

    /** The duplicate claim a repeated InventoryReserved makes: one conditional put that finds the captured payment. */
    static void claimPayment(World world, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        try {
            dynamoDb.putItem(b -> b.tableName("payments")
                    .item(Map.of("orderId", AttributeValue.fromS(world.orderId), "status", AttributeValue.fromS("PENDING")))
                    .conditionExpression("attribute_not_exists(#orderId)")
                    .expressionAttributeNames(Map.of("#orderId", "orderId"))
                    .returnValuesOnConditionCheckFailure(software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException expected) {
            // the payment exists: what the handler's claim finds too
        }
    }

    static void queryProduct(World world, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        dynamoDb.query(b -> b.tableName("inventory")
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", "pk"))
                .expressionAttributeValues(Map.of(":pk", InventoryKeys.productPartition(World.SKU)))
                .consistentRead(true));
    }

    static void getOrder(World world, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        dynamoDb.getItem(b -> b.tableName("orders").key(Map.of("orderId", AttributeValue.fromS(world.orderId))).consistentRead(true));
    }

    static void getReservation(World world, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        dynamoDb.getItem(b -> b.tableName("inventory").consistentRead(true).key(InventoryKeys.reservation(World.RELEASED_ORDER_ID)));
    }

    /** A scheduled run with nothing expired: one look at the expiry index, no lock taken. */
    static void queryExpired(World world, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        dynamoDb.query(b -> b.tableName("inventory").indexName(InventoryKeys.EXPIRY_INDEX)
                .keyConditionExpression("#bucket = :bucket AND #expiresAt < :now")
                .expressionAttributeNames(Map.of("#bucket", "expiryBucket", "#expiresAt", "expiresAt"))
                .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS(InventoryKeys.expiryBucket(World.REGION)),
                        ":now", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond()))))
                .limit(1));
    }

    static void putEvent(World world, DynamoDbClient dynamoDb, EventBridgeClient eventBridge) {
        PutEventsRequestEntry entry = world.outboxEntry();
        eventBridge.putEvents(b -> b.entries(entry));
    }
}

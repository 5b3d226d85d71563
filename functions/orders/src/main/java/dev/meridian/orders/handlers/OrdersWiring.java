package dev.meridian.orders.handlers;

import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.orders.adapters.DynamoCatalog;
import dev.meridian.orders.adapters.DynamoOrderRepository;
import dev.meridian.orders.app.OrdersService;

import java.time.Clock;

/** Builds the orders use cases from a function's environment (once per execution environment). */
final class OrdersWiring {

    /** An order id no order has (all zeros is never generated); SnapStart priming reads it. */
    static final String PRIMING_ORDER_ID = "ord-00000000000000000000000000000000";

    private OrdersWiring() {
    }

    static OrdersService service(Environment env) {
        var dynamoDb = AwsClients.dynamoDb(env);
        return new OrdersService(
                new DynamoOrderRepository(dynamoDb, env.require("ORDERS_TABLE"), new Outbox(env.require("OUTBOX_TABLE"))),
                new DynamoCatalog(dynamoDb, env.require("INVENTORY_TABLE")),
                Clock.systemUTC(), env.region());
    }
}

package dev.meridian.inventory.handlers;

import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.inventory.adapters.DynamoInventoryRepository;
import dev.meridian.inventory.app.InventoryService;

import java.time.Clock;
import java.time.Duration;

/** Builds the inventory adapters from a function's environment (once per execution environment). */
final class InventoryWiring {

    /** A sku no catalog holds (SnapStart priming reads it; nothing ever writes it). */
    static final String PRIMING_SKU = "zz-meridian-priming-0";
    /** An order id no order has (all zeros is never generated). */
    static final String PRIMING_ORDER_ID = "ord-00000000000000000000000000000000";

    private InventoryWiring() {
    }

    static DynamoInventoryRepository repository(Environment env) {
        return new DynamoInventoryRepository(AwsClients.dynamoDb(env), env.require("INVENTORY_TABLE"),
                new Outbox(env.require("OUTBOX_TABLE")), env.region(), Clock.systemUTC());
    }

    static InventoryService service(Environment env) {
        return new InventoryService(repository(env), Clock.systemUTC(), env.region(),
                Duration.ofSeconds(env.getLong("RESERVATION_TTL_SECONDS", 900)));
    }

    static IdempotencyStore idempotency(Environment env) {
        return IdempotencyStore.builder().dynamoDb(AwsClients.dynamoDb(env)).tableName(env.require("IDEMPOTENCY_TABLE"))
                .inProgressTimeoutFrom(env).build();
    }
}

package dev.meridian.common.outbox;

import dev.meridian.common.events.DomainEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The transactional outbox: an event is written as an item of the outbox table in the
 * same {@code TransactWriteItems} as the state change it describes, so the change and
 * its event commit together or not at all. The table's stream feeds
 * {@link OutboxRelay}, which publishes to EventBridge.
 */
public final class Outbox {

    /** Outbox items expire (DynamoDB TTL) after this long; the stream has them by then. */
    public static final Duration RETENTION = Duration.ofDays(2);

    // attribute_not_exists(eventId): an event is written once; a retried transaction with the same event id fails whole
    static final String CONDITION_NEW_EVENT = "attribute_not_exists(#eventId)";

    private final String tableName;

    public Outbox(String tableName) {
        this.tableName = Objects.requireNonNull(tableName, "outbox table name");
    }

    public String tableName() {
        return tableName;
    }

    /** The transaction item that records {@code event} in the outbox, published by its own region. */
    public TransactWriteItem put(DomainEvent event) {
        return put(event, event.envelope().region());
    }

    /**
     * The transaction item that records {@code event} in the outbox, to be published by region
     * {@code publishIn} only ({@code publishIn} attribute; {@link OutboxRelay}). The outbox is a
     * global table: an event addressed to another region reaches that region's publisher through
     * replication and goes out on that region's bus (regional buses never see each other). Used by
     * cross-region requests only (a cancel answered outside the order's home region).
     */
    public TransactWriteItem put(DomainEvent event, String publishIn) {
        Objects.requireNonNull(publishIn, "publishIn");
        long expiresAt = event.envelope().occurredAt().plus(RETENTION).getEpochSecond();
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(tableName)
                .item(Map.of(
                        "eventId", AttributeValue.fromS(event.eventId()),
                        "source", AttributeValue.fromS(event.source()),
                        "detailType", AttributeValue.fromS(event.detailType()),
                        "detail", AttributeValue.fromS(event.detailJson()),
                        "region", AttributeValue.fromS(event.envelope().region()),
                        "publishIn", AttributeValue.fromS(publishIn),
                        "occurredAt", AttributeValue.fromS(event.envelope().occurredAt().toString()),
                        "expiresAt", AttributeValue.fromN(Long.toString(expiresAt))))
                .conditionExpression(CONDITION_NEW_EVENT)
                .expressionAttributeNames(Map.of("#eventId", "eventId"))
                .build()).build();
    }
}

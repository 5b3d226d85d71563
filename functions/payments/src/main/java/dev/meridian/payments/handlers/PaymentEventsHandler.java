package dev.meridian.payments.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.meridian.common.batch.SqsBatchProcessor;
import dev.meridian.common.batch.SqsMessage;
import dev.meridian.common.config.AwsClients;
import dev.meridian.common.config.Environment;
import dev.meridian.common.contracts.EventType;
import dev.meridian.common.contracts.orders.PaymentRequested;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.lambda.LambdaIo;
import dev.meridian.common.lambda.Priming;
import dev.meridian.common.lambda.SyntheticEvents;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.payments.adapters.DynamoPaymentRepository;
import dev.meridian.payments.adapters.IncomingEvents;
import dev.meridian.payments.adapters.SandboxPaymentGateway;
import dev.meridian.payments.app.PaymentGateway;
import dev.meridian.payments.app.PaymentRepository;
import dev.meridian.payments.app.PaymentService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * {@code PaymentEventsFunction}: consumes {@code PaymentsQueue} (PaymentRequested and
 * InventoryReserved → charge once both are in, OrderCancelled → void or refund) and answers with the partial batch response, so only the
 * failed messages are retried.
 */
public final class PaymentEventsHandler implements RequestStreamHandler {

    public static final String PAYMENTS_TABLE = "PAYMENTS_TABLE";
    public static final String SANDBOX_LEDGER_TABLE = "SANDBOX_LEDGER_TABLE";
    public static final String OUTBOX_TABLE = "OUTBOX_TABLE";

    private final PaymentService service;
    private final SqsBatchProcessor batch;

    /** Lambda: configuration from the process environment. */
    public PaymentEventsHandler() {
        this(Environment.system());
    }

    /** The local runtime: the environment the template declares for this function. */
    public PaymentEventsHandler(Environment env) {
        this(env, env.require(PAYMENTS_TABLE), env.require(SANDBOX_LEDGER_TABLE), env.require(OUTBOX_TABLE));
        // SnapStart priming without side effects: a PaymentRequested of amount 0 is refused before any write
        // (a batch item failure), then one read of a payment that cannot exist
        Priming.onSnapStart(env, "PaymentEventsHandler", () -> {
            Priming.invoke(this, SyntheticEvents.sqs(new PaymentRequested(PRIMING_ORDER_ID, 0, "EUR", "tok_priming")
                    .toEvent(env.region(), null, Clock.systemUTC()), "PaymentsQueue"));
            new DynamoPaymentRepository(AwsClients.dynamoDb(env), env.require(PAYMENTS_TABLE), new Outbox(env.require(OUTBOX_TABLE)))
                    .find(PRIMING_ORDER_ID);
        });
    }

    /** An order id that no order has (ids are ord- and 32 hex digits). */
    static final String PRIMING_ORDER_ID = "ord-00000000000000000000000000000000";

    // configuration is checked above, before any client is built: a missing variable fails at start-up
    private PaymentEventsHandler(Environment env, String paymentsTable, String ledgerTable, String outboxTable) {
        this(AwsClients.dynamoDb(env), paymentsTable, ledgerTable, outboxTable, env.region());
    }

    private PaymentEventsHandler(DynamoDbClient dynamoDb, String paymentsTable, String ledgerTable, String outboxTable,
                                 String region) {
        this(new DynamoPaymentRepository(dynamoDb, paymentsTable, new Outbox(outboxTable)),
                new SandboxPaymentGateway(dynamoDb, ledgerTable, Clock.systemUTC()), Clock.systemUTC(), region);
    }

    /** Tests: the ports. */
    public PaymentEventsHandler(PaymentRepository payments, PaymentGateway gateway, Clock clock, String region) {
        this.service = new PaymentService(payments, gateway, clock, region);
        this.batch = new SqsBatchProcessor(this::handle);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        LambdaIo.write(output, batch.process(LambdaIo.read(input)).toJson());
    }

    private void handle(SqsMessage message) {
        DomainEvent event = IncomingEvents.parse(message.body());
        String traceparent = event.envelope().traceparent();
        EventType type = EventType.of(event).orElse(null);
        if (type == EventType.PAYMENT_REQUESTED) {
            service.onPaymentRequested(IncomingEvents.paymentRequested(event), traceparent);
        } else if (type == EventType.INVENTORY_RESERVED) {
            service.onInventoryReserved(IncomingEvents.inventoryReserved(event), traceparent);
        } else if (type == EventType.ORDER_CANCELLED) {
            service.onOrderCancelled(IncomingEvents.orderCancelled(event), traceparent);
        } else {
            throw new MalformedEventException("payments does not consume " + event.source() + "/" + event.detailType()
                    + " (event " + event.eventId() + ")");
        }
    }
}

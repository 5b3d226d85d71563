package dev.meridian.payments.app;

import dev.meridian.payments.domain.ChargeResult;
import dev.meridian.payments.domain.InventoryReserved;
import dev.meridian.payments.domain.OrderCancelled;
import dev.meridian.payments.domain.Payment;
import dev.meridian.payments.domain.PaymentOutcome;
import dev.meridian.payments.domain.PaymentStatus;
import dev.meridian.payments.domain.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;

/**
 * The two use cases of payments: charge an order whose stock is reserved, and void or
 * refund the payment of a cancelled order.
 *
 * <p>Every step is safe to repeat: the payment item is claimed and moved by conditional
 * writes, the gateway is idempotent per order, and events carry ids derived from the
 * order id. So a redelivered, duplicated or reordered event changes nothing, and a crash
 * between any two steps is repaired by the redelivery.
 */
public final class PaymentService {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    /** Statuses move only forward, so a cancel re-reads at most this many times. */
    private static final int MAX_CANCEL_ATTEMPTS = 4;

    private final PaymentRepository payments;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final PaymentEvents events;

    public PaymentService(PaymentRepository payments, PaymentGateway gateway, Clock clock, String region) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = new PaymentEvents(clock, Objects.requireNonNull(region, "region"));
    }

    /**
     * Charges the order once: claim (PENDING), charge, then record CAPTURED + PaymentCaptured
     * or DECLINED + PaymentFailed in one transaction. If the order was cancelled while the
     * charge was in flight, the charge is refunded and REFUNDED + PaymentRefunded recorded.
     *
     * @throws GatewayTimeoutException the charge outcome is unknown; the redelivery repeats the
     *                                 (idempotent) charge and finds the first one
     */
    public PaymentOutcome onInventoryReserved(InventoryReserved reserved, String traceparent) {
        String orderId = reserved.orderId();
        PaymentRepository.PutResult claim = payments.putIfAbsent(Payment.pending(orderId, reserved.total(), clock.instant()));
        Payment payment = claim.payment();
        switch (payment.status()) {
            case PENDING -> {
                // ours, or a retry after a crash or a gateway timeout: the idempotent charge finds any earlier one
                return charge(payment, reserved, traceparent);
            }
            case CANCELLED -> {
                if (payment.mayHaveBeenCharged() && payment.chargeId() == null) {
                    // cancelled while an earlier delivery was charging, and that delivery did not finish:
                    // learn the charge's outcome (same idempotency key) and refund it if it went through
                    LOG.info("order {} cancelled during its charge; resolving the charge outcome", orderId);
                    return resolveChargeAfterCancel(payment, reserved, traceparent);
                }
                LOG.info("order {} was cancelled before it was charged; not charging", orderId);
                return PaymentOutcome.NO_CHANGE;
            }
            default -> {
                LOG.info("order {} payment already {}; duplicate InventoryReserved ignored", orderId, payment.status());
                return PaymentOutcome.NO_CHANGE;
            }
        }
    }

    /**
     * Voids or refunds the order's payment: writes a tombstone if none exists (so a late
     * InventoryReserved never charges), marks a charge in progress CANCELLED (its delivery
     * then refunds), refunds a captured charge. Nothing to do for DECLINED, CANCELLED,
     * REFUNDED.
     */
    public PaymentOutcome onOrderCancelled(OrderCancelled cancelled, String traceparent) {
        String orderId = cancelled.orderId();
        Payment payment = payments.find(orderId).orElse(null);
        for (int attempt = 0; attempt < MAX_CANCEL_ATTEMPTS; attempt++) {
            if (payment == null) {
                PaymentRepository.PutResult put = payments.putIfAbsent(Payment.tombstone(orderId, clock.instant()));
                if (put.created()) {
                    LOG.info("order {} cancelled before any charge; tombstone written", orderId);
                    return PaymentOutcome.VOIDED;
                }
                payment = put.payment(); // a claim won the race: handle what it wrote
                continue;
            }
            switch (payment.status()) {
                case PENDING -> {
                    PaymentRepository.TransitionResult result =
                            payments.apply(Transition.cancelPending(orderId, clock.instant()), null);
                    if (result.applied()) {
                        LOG.info("order {} cancelled while its charge is in progress; the charge path refunds", orderId);
                        return PaymentOutcome.VOIDED;
                    }
                    payment = result.current();
                }
                case CAPTURED -> {
                    return refundCaptured(payment, traceparent);
                }
                default -> {
                    LOG.info("order {} payment is {}; nothing to refund", orderId, payment.status());
                    return PaymentOutcome.NO_CHANGE;
                }
            }
        }
        throw new IllegalStateException("payment of order " + orderId + " kept changing during cancellation after "
                + MAX_CANCEL_ATTEMPTS + " attempts; retrying the message");
    }

    private PaymentOutcome charge(Payment payment, InventoryReserved reserved, String traceparent) {
        String orderId = payment.orderId();
        ChargeResult result = gateway.charge(orderId, payment.money().amount(), payment.money().currency(),
                reserved.paymentToken());
        if (result instanceof ChargeResult.Approved approved) {
            PaymentRepository.TransitionResult recorded = payments.apply(
                    Transition.capture(orderId, approved.chargeId(), clock.instant()),
                    events.captured(orderId, payment.money(), approved.chargeId(), traceparent));
            if (recorded.applied()) {
                LOG.info("order {} charged: {}", orderId, approved.chargeId());
                return PaymentOutcome.CAPTURED;
            }
            return afterLostRace(recorded.current(), approved.chargeId(), traceparent);
        }
        ChargeResult.Declined declined = (ChargeResult.Declined) result;
        PaymentRepository.TransitionResult recorded = payments.apply(Transition.decline(orderId, clock.instant()),
                events.failed(orderId, traceparent));
        if (recorded.applied()) {
            LOG.info("order {} charge declined ({})", orderId, declined.reason());
            return PaymentOutcome.DECLINED;
        }
        LOG.info("order {} charge declined, payment meanwhile {}; nothing to record", orderId, recorded.current().status());
        return PaymentOutcome.NO_CHANGE;
    }

    /** The charge went through but the payment is no longer PENDING. */
    private PaymentOutcome afterLostRace(Payment current, String chargeId, String traceparent) {
        return switch (current.status()) {
            case CANCELLED -> {
                LOG.info("order {} was cancelled while being charged; refunding {}", current.orderId(), chargeId);
                yield refund(current, PaymentStatus.CANCELLED, chargeId, traceparent);
            }
            case CAPTURED, REFUNDED -> {
                if (!chargeId.equals(current.chargeId())) {
                    throw new IllegalStateException("order " + current.orderId() + " recorded charge "
                            + current.chargeId() + " but the gateway returned " + chargeId);
                }
                yield PaymentOutcome.NO_CHANGE; // a concurrent delivery recorded the same charge
            }
            default -> throw new IllegalStateException("order " + current.orderId() + " was charged (" + chargeId
                    + ") but its payment is " + current.status());
        };
    }

    private PaymentOutcome resolveChargeAfterCancel(Payment payment, InventoryReserved reserved, String traceparent) {
        ChargeResult result = gateway.charge(payment.orderId(), payment.money().amount(), payment.money().currency(),
                reserved.paymentToken());
        if (result instanceof ChargeResult.Approved approved) {
            return refund(payment, PaymentStatus.CANCELLED, approved.chargeId(), traceparent);
        }
        LOG.info("order {} cancelled and its charge was declined; nothing to refund", payment.orderId());
        return PaymentOutcome.NO_CHANGE;
    }

    private PaymentOutcome refundCaptured(Payment payment, String traceparent) {
        return refund(payment, PaymentStatus.CAPTURED, payment.chargeId(), traceparent);
    }

    private PaymentOutcome refund(Payment payment, PaymentStatus from, String chargeId, String traceparent) {
        String orderId = payment.orderId();
        if (payment.money() == null) {
            throw new IllegalStateException("order " + orderId + " has charge " + chargeId
                    + " but its payment records no amount; refusing to guess a refund");
        }
        String refundId = gateway.refund(orderId, chargeId, payment.money().amount());
        PaymentRepository.TransitionResult recorded = payments.apply(
                Transition.refund(orderId, from, chargeId, refundId, clock.instant()),
                events.refunded(orderId, payment.money(), refundId, traceparent));
        if (recorded.applied()) {
            LOG.info("order {} refunded: {}", orderId, refundId);
            return PaymentOutcome.REFUNDED;
        }
        if (recorded.current().status() == PaymentStatus.REFUNDED) {
            return PaymentOutcome.NO_CHANGE; // a concurrent delivery recorded the same (idempotent) refund
        }
        throw new IllegalStateException("order " + orderId + " refunded (" + refundId + ") but its payment moved to "
                + recorded.current().status() + " instead of REFUNDED");
    }
}

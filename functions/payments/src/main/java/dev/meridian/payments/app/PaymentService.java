package dev.meridian.payments.app;

import dev.meridian.payments.domain.ChargeResult;
import dev.meridian.payments.domain.InventoryReserved;
import dev.meridian.payments.domain.OrderCancelled;
import dev.meridian.payments.domain.Payment;
import dev.meridian.payments.domain.PaymentOutcome;
import dev.meridian.payments.domain.PaymentRequest;
import dev.meridian.payments.domain.PaymentStatus;
import dev.meridian.payments.domain.PaymentToken;
import dev.meridian.payments.domain.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;

/**
 * The use cases of payments: charge an order whose stock is reserved, and void or refund the
 * payment of a cancelled order.
 *
 * <p>A charge needs both the order's request (PaymentRequested: amount, currency, token) and
 * its reservation (InventoryReserved); they arrive in either order and the second one charges.
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
     * Records the order's charge request (amount, currency, token). If its stock is already
     * reserved, this is the second half: claim the payment and charge it.
     */
    public PaymentOutcome onPaymentRequested(PaymentRequest request, String traceparent) {
        PaymentRepository.PutResult put = payments.putIfAbsent(Payment.requested(request, clock.instant()));
        if (put.created()) {
            LOG.info("order {} payment requested; charging once its stock is reserved", request.orderId());
            return PaymentOutcome.NO_CHANGE;
        }
        Payment payment = put.payment();
        if (payment.status() == PaymentStatus.RESERVED) {
            return claimAndCharge(payment, Transition.claim(payment.orderId(), PaymentStatus.RESERVED, request.money(),
                    request.token(), clock.instant()), traceparent);
        }
        return continueCharge(payment, "PaymentRequested", traceparent);
    }

    /**
     * The order's stock is reserved: charge it once. If its charge request has not arrived yet,
     * record the reservation; the request then charges. Then as for any charge: claim (PENDING),
     * charge, record CAPTURED + PaymentCaptured or DECLINED + PaymentFailed in one transaction; if
     * the order was cancelled while the charge was in flight, refund and record REFUNDED.
     *
     * @throws GatewayTimeoutException the charge outcome is unknown; the redelivery repeats the
     *                                 (idempotent) charge and finds the first one
     */
    public PaymentOutcome onInventoryReserved(InventoryReserved reserved, String traceparent) {
        String orderId = reserved.orderId();
        PaymentRepository.PutResult put = payments.putIfAbsent(Payment.reserved(orderId, clock.instant()));
        if (put.created()) {
            LOG.info("order {} stock reserved before its charge request; charging when it arrives", orderId);
            return PaymentOutcome.NO_CHANGE;
        }
        Payment payment = put.payment();
        if (payment.status() == PaymentStatus.REQUESTED) {
            return claimAndCharge(payment, Transition.claim(orderId, PaymentStatus.REQUESTED, null, null, clock.instant()),
                    traceparent);
        }
        return continueCharge(payment, "InventoryReserved", traceparent);
    }

    private PaymentOutcome claimAndCharge(Payment payment, Transition claim, String traceparent) {
        PaymentRepository.TransitionResult claimed = payments.apply(claim, null);
        if (claimed.applied()) {
            return charge(payment.claimed(claim), traceparent);
        }
        // a concurrent delivery claimed it (PENDING: the idempotent charge finds its charge), or it was cancelled
        return continueCharge(claimed.current(), "claim", traceparent);
    }

    /** The payment as another delivery left it: finish what it may not have finished, or do nothing. */
    private PaymentOutcome continueCharge(Payment payment, String trigger, String traceparent) {
        String orderId = payment.orderId();
        switch (payment.status()) {
            case PENDING -> {
                // a retry after a crash or a gateway timeout: the idempotent charge finds any earlier one
                return charge(payment, traceparent);
            }
            case CANCELLED -> {
                if (payment.mayHaveBeenCharged() && payment.chargeId() == null) {
                    // cancelled while an earlier delivery was charging, and that delivery did not finish:
                    // learn the charge's outcome (same idempotency key) and refund it if it went through
                    LOG.info("order {} cancelled during its charge; resolving the charge outcome", orderId);
                    return resolveChargeAfterCancel(payment, traceparent);
                }
                LOG.info("order {} was cancelled before it was charged; not charging", orderId);
                return PaymentOutcome.NO_CHANGE;
            }
            default -> {
                LOG.info("order {} payment already {}; duplicate {} ignored", orderId, payment.status(), trigger);
                return PaymentOutcome.NO_CHANGE;
            }
        }
    }

    /**
     * Voids or refunds the order's payment: writes a tombstone if none exists (so a late
     * request or reservation never charges), marks a payment awaiting its charge or with a
     * charge in progress CANCELLED (a charge in progress is then refunded by its delivery),
     * refunds a captured charge. Nothing to do for DECLINED, CANCELLED, REFUNDED.
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
                case REQUESTED, RESERVED, PENDING -> {
                    PaymentRepository.TransitionResult result =
                            payments.apply(Transition.cancel(orderId, payment.status(), clock.instant()), null);
                    if (result.applied()) {
                        LOG.info(payment.status() == PaymentStatus.PENDING
                                ? "order {} cancelled while its charge is in progress; the charge path refunds"
                                : "order {} cancelled before its charge; nothing charged", orderId);
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

    private PaymentOutcome charge(Payment payment, String traceparent) {
        String orderId = payment.orderId();
        ChargeResult result = gateway.charge(orderId, payment.money().amount(), payment.money().currency(),
                requireToken(payment));
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

    private static PaymentToken requireToken(Payment payment) {
        if (payment.token() == null || payment.money() == null) {
            throw new IllegalStateException("payment of order " + payment.orderId() + " is " + payment.status()
                    + " without the amount or token to charge; refusing to guess");
        }
        return payment.token();
    }

    private PaymentOutcome resolveChargeAfterCancel(Payment payment, String traceparent) {
        ChargeResult result = gateway.charge(payment.orderId(), payment.money().amount(), payment.money().currency(),
                requireToken(payment));
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

package dev.meridian.payments.app;

import dev.meridian.payments.domain.ChargeResult;
import dev.meridian.payments.domain.PaymentToken;

/**
 * The card processor, seen from payments. Both operations are idempotent per order: the
 * order id is the processor's idempotency key, so repeating a call after a timeout or a
 * crash returns the first call's result instead of charging or refunding again.
 */
public interface PaymentGateway {

    /**
     * Charges {@code amount} minor units of {@code currency} for {@code orderId}.
     *
     * @return {@link ChargeResult.Approved} with the charge id, or {@link ChargeResult.Declined}
     * @throws GatewayTimeoutException the outcome is unknown; repeat the call (same order id) to learn it
     */
    ChargeResult charge(String orderId, long amount, String currency, PaymentToken token);

    /**
     * Refunds {@code amount} of the charge {@code chargeId} of {@code orderId}.
     *
     * @return the refund id (the same one for every repeated call of the same order)
     * @throws GatewayTimeoutException the outcome is unknown; repeat the call to learn it
     * @throws RefundRejectedException  the processor refuses (no such approved charge, or amount above it)
     */
    String refund(String orderId, String chargeId, long amount);
}

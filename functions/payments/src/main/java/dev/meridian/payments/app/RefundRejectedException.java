package dev.meridian.payments.app;

/** The processor refused a refund (unknown charge, charge not approved, amount above the charge). */
public class RefundRejectedException extends RuntimeException {
    public RefundRejectedException(String message) {
        super(message);
    }
}

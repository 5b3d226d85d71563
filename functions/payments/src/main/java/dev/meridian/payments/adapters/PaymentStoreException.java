package dev.meridian.payments.adapters;

/** The payments table refused or failed a write for a reason other than a lost condition; retryable. */
public class PaymentStoreException extends RuntimeException {
    public PaymentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

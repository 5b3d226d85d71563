package dev.meridian.orders.domain;

/** The order's view of its payment; moves only to a higher rank (events may arrive out of order). */
public enum PaymentStatus {
    PENDING(0), CAPTURED(1), DECLINED(1), REFUNDED(2);

    private final int rank;

    PaymentStatus(int rank) {
        this.rank = rank;
    }

    public boolean isAfter(PaymentStatus other) {
        return rank > other.rank;
    }
}

package dev.meridian.inventory.domain;

import java.util.List;

/** What an attempt to reserve an order's lines did. */
public sealed interface ReserveOutcome {

    /** All lines reserved, with the reservation and its event committed together. */
    record Reserved() implements ReserveOutcome {
    }

    /** The order already has a reservation record (a duplicate, or cancelled first): nothing changed. */
    record AlreadyDecided(ReservationStatus status) implements ReserveOutcome {
    }

    /** These skus lack stock in this region: nothing was reserved. */
    record Insufficient(List<String> skus) implements ReserveOutcome {
    }
}

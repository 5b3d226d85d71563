package dev.meridian.orders.app;

import dev.meridian.common.contracts.Line;
import dev.meridian.common.contracts.orders.CancelRequested;
import dev.meridian.common.contracts.orders.OrderCancelled;
import dev.meridian.common.contracts.orders.OrderConfirmed;
import dev.meridian.common.contracts.orders.OrderPlaced;
import dev.meridian.common.contracts.orders.PaymentRequested;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.idempotency.DerivedIds;
import dev.meridian.orders.domain.Order;
import dev.meridian.orders.domain.OrderLine;
import dev.meridian.orders.domain.OrderStateMachine;
import dev.meridian.orders.domain.OrderStateMachine.Input;
import dev.meridian.orders.domain.OrderStateMachine.Transition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Order use cases: place, read, cancel, and the order side of the saga. */
public final class OrdersService {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersService.class);
    private static final int MAX_ATTEMPTS = 8;

    private final OrderRepository orders;
    private final Catalog catalog;
    private final Clock clock;
    private final String region;

    public OrdersService(OrderRepository orders, Catalog catalog, Clock clock, String region) {
        this.orders = orders;
        this.catalog = catalog;
        this.clock = clock;
        this.region = region;
    }

    /**
     * Places an order (PENDING) and emits OrderPlaced in the same transaction. With an
     * idempotency key the order id is derived from (customer, key), so a retry after a
     * crash finds the order instead of creating a second one.
     */
    public Order place(PlaceOrder command) {
        Set<String> skus = new HashSet<>();
        command.lines().forEach(l -> skus.add(l.sku()));
        Map<String, Catalog.Price> prices = catalog.prices(skus);
        List<OrderLine> lines = new ArrayList<>();
        String currency = null;
        for (int i = 0; i < command.lines().size(); i++) {
            PlaceOrder.Line line = command.lines().get(i);
            Catalog.Price price = prices.get(line.sku());
            if (price == null) {
                throw new UnknownProductException(i);
            }
            if (currency == null) {
                currency = price.currency();
            } else if (!currency.equals(price.currency())) {
                throw new MixedCurrencyException(i);
            }
            lines.add(new OrderLine(line.sku(), line.quantity(), price.amount()));
        }
        String orderId = command.idempotencyKey() == null
                ? DerivedIds.randomOrderId()
                : DerivedIds.orderId(command.customerId(), command.idempotencyKey());
        Order order = Order.place(orderId, command.customerId(), lines, currency, region, clock.instant());
        // the token travels to payments only: inventory reserves from OrderPlaced, which does not carry it
        List<DomainEvent> events = List.of(
                new OrderPlaced(orderId, order.customerId(), contractLines(order), order.total(), order.currency())
                        .toEvent(region, command.traceparent(), clock),
                new PaymentRequested(orderId, order.total(), order.currency(), command.paymentToken())
                        .toEvent(region, command.traceparent(), clock));
        if (orders.create(order, events)) {
            return order;
        }
        Order existing = orders.find(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId + " reported existing but not found"));
        if (!existing.customerId().equals(command.customerId())) {
            throw new IllegalStateException("order id collision for " + orderId);
        }
        if (!sameLines(existing, command)) {
            // the key's idempotency record has expired and the key now names a different order
            throw new RequestKeyReusedException();
        }
        return existing;
    }

    private static boolean sameLines(Order order, PlaceOrder command) {
        if (order.lines().size() != command.lines().size()) {
            return false;
        }
        for (int i = 0; i < command.lines().size(); i++) {
            OrderLine have = order.lines().get(i);
            PlaceOrder.Line want = command.lines().get(i);
            if (!have.sku().equals(want.sku()) || have.quantity() != want.quantity()) {
                return false;
            }
        }
        return true;
    }

    /** The caller's order; another customer's order is reported as not found. */
    public Order get(String customerId, String orderId) {
        return orders.find(orderId)
                .filter(o -> o.customerId().equals(customerId))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    public List<Order> list(String customerId, int limit) {
        return orders.byCustomer(customerId, limit);
    }

    /**
     * Customer cancel. In the order's home region: PENDING or CONFIRMED → CANCELLED; cancelling a
     * cancelled order changes nothing. In any other region that can see the order (whatever its
     * state): a cancel request recorded here and addressed to the home region, which decides
     * ({@link CancelRequested}); the order itself is never written outside its home region.
     */
    public CancelOutcome cancel(String customerId, String orderId) {
        Order owned = get(customerId, orderId);
        if (!owned.homeRegion().equals(region)) {
            CancelRequested request = new CancelRequested(orderId, customerId, region, owned.homeRegion());
            if (!orders.recordCancelRequest(request, clock.instant(), request.toEvent(region, null, clock))) {
                LOG.info("cancel of {} already requested in {}", orderId, region);
            }
            return CancelOutcome.requested(owned, region);
        }
        return CancelOutcome.applied(applyWithRetry(owned, Input.CUSTOMER_CANCEL, null)
                .orElseThrow(() -> new OrderNotFoundException(orderId)));
    }

    /**
     * Applies one saga outcome (read from an inventory or payments event, or a cancel request
     * another region recorded) to the order it concerns. An order homed in another region is
     * left alone: buses are regional, so such an event is misrouted and writing the order here
     * would make a second writer region.
     */
    public void on(OrderOutcome outcome) {
        Order current = orders.find(outcome.orderId())
                .orElseThrow(() -> new MalformedEventException(outcome.input() + " for unknown order " + outcome.orderId()));
        if (!current.homeRegion().equals(region)) {
            LOG.warn("ignoring {} for order {} homed in {} (this region: {})", outcome.input(), outcome.orderId(),
                    current.homeRegion(), region);
            return;
        }
        applyWithRetry(current, outcome.input(), outcome.traceparent());
    }

    /**
     * Applies {@code input} to the order, starting from {@code firstRead} (the caller just read
     * it) and re-reading only when a concurrent change made the version-conditional write fail.
     */
    private Optional<Order> applyWithRetry(Order firstRead, Input input, String traceparent) {
        String orderId = firstRead.orderId();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Order> found = attempt == 0 ? Optional.of(firstRead) : orders.find(orderId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Order current = found.get();
            Optional<Transition> transition = OrderStateMachine.apply(current, input, clock.instant());
            if (transition.isEmpty()) {
                return found;
            }
            Order next = transition.get().next();
            DomainEvent event = switch (transition.get().emit()) {
                case NONE -> null;
                case ORDER_CONFIRMED -> new OrderConfirmed(orderId, next.customerId(), contractLines(next))
                        .toEvent(region, traceparent, clock);
                case ORDER_CANCELLED -> new OrderCancelled(orderId, next.customerId(), contractLines(next),
                        next.cancellationReason().name(), current.status().name()).toEvent(region, traceparent, clock);
            };
            if (orders.update(next, event)) {
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("order " + orderId + " kept changing; giving up after " + MAX_ATTEMPTS + " attempts");
    }

    private static List<Line> contractLines(Order order) {
        return order.lines().stream().map(l -> new Line(l.sku(), l.quantity())).toList();
    }
}

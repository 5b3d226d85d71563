package dev.meridian.orders.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.events.DomainEvent;
import dev.meridian.common.events.MalformedEventException;
import dev.meridian.common.idempotency.IdempotencyStore;
import dev.meridian.common.json.Json;
import dev.meridian.orders.domain.Order;
import dev.meridian.orders.domain.OrderLine;
import dev.meridian.orders.domain.OrderStateMachine;
import dev.meridian.orders.domain.OrderStateMachine.Input;
import dev.meridian.orders.domain.OrderStateMachine.Transition;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Order use cases: place, read, cancel, and the order side of the saga. */
public final class OrdersService {

    public static final String SOURCE = "meridian.orders";
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
                throw new OrderRejectedException("lines[" + i + "].sku", "lines[" + i + "].sku is not a known product");
            }
            if (currency == null) {
                currency = price.currency();
            } else if (!currency.equals(price.currency())) {
                throw new OrderRejectedException("lines[" + i + "].sku", "all lines of an order must share one currency");
            }
            lines.add(new OrderLine(line.sku(), line.quantity(), price.amount()));
        }
        String orderId = command.idempotencyKey() == null
                ? newOrderId(UUID.randomUUID())
                : newOrderId(UUID.nameUUIDFromBytes(IdempotencyStore.scopedKey("order", command.customerId(), command.idempotencyKey())
                        .getBytes(StandardCharsets.UTF_8)));
        Order order = Order.place(orderId, command.customerId(), lines, currency, region, clock.instant());
        DomainEvent placed = DomainEvent.createDeterministic(SOURCE, "OrderPlaced", region, orderId, command.traceparent(),
                placedData(order, command.paymentToken()), clock, orderId);
        if (orders.create(order, placed)) {
            return order;
        }
        Order existing = orders.find(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId + " reported existing but not found"));
        if (!existing.customerId().equals(command.customerId())) {
            throw new IllegalStateException("order id collision for " + orderId);
        }
        if (!sameLines(existing, command)) {
            // the key's idempotency record has expired and the key now names a different order
            throw new OrderRejectedException("Idempotency-Key", "this Idempotency-Key was already used for a different order");
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

    static String newOrderId(UUID uuid) {
        return "ord-" + uuid.toString().replace("-", "");
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

    /** Customer cancel: PENDING or CONFIRMED → CANCELLED; cancelling a cancelled order changes nothing. */
    public Order cancel(String customerId, String orderId) {
        Order owned = get(customerId, orderId);
        return applyWithRetry(owned, Input.CUSTOMER_CANCEL, null)
                .orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** Routes one saga event to the order it concerns. */
    public void on(DomainEvent event) {
        String orderId = Json.text(event.data(), "orderId");
        if (orderId == null) {
            throw new MalformedEventException(event.detailType() + " without orderId");
        }
        Input input = switch (event.detailType()) {
            case "InventoryRejected" -> Input.INVENTORY_REJECTED;
            case "ReservationExpired" -> Input.RESERVATION_EXPIRED;
            case "PaymentCaptured" -> Input.PAYMENT_CAPTURED;
            case "PaymentFailed" -> Input.PAYMENT_FAILED;
            case "PaymentRefunded" -> Input.PAYMENT_REFUNDED;
            default -> throw new MalformedEventException("orders does not consume " + event.source() + "/" + event.detailType());
        };
        Order current = orders.find(orderId)
                .orElseThrow(() -> new MalformedEventException(event.detailType() + " for unknown order " + orderId));
        applyWithRetry(current, input, event.envelope().traceparent());
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
                case ORDER_CONFIRMED -> DomainEvent.createDeterministic(SOURCE, "OrderConfirmed", region, orderId, traceparent,
                        linesData(next), clock, orderId);
                case ORDER_CANCELLED -> {
                    ObjectNode data = linesData(next);
                    data.put("reason", next.cancellationReason().name());
                    data.put("previousStatus", current.status().name());
                    yield DomainEvent.createDeterministic(SOURCE, "OrderCancelled", region, orderId, traceparent, data, clock, orderId);
                }
            };
            if (orders.update(next, event)) {
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("order " + orderId + " kept changing; giving up after " + MAX_ATTEMPTS + " attempts");
    }

    private static ObjectNode placedData(Order order, String paymentToken) {
        ObjectNode data = linesData(order);
        data.put("total", order.total());
        data.put("currency", order.currency());
        data.put("paymentToken", paymentToken);
        return data;
    }

    private static ObjectNode linesData(Order order) {
        ObjectNode data = Json.object();
        data.put("orderId", order.orderId());
        data.put("customerId", order.customerId());
        ArrayNode lines = data.putArray("lines");
        order.lines().forEach(l -> lines.addObject().put("sku", l.sku()).put("quantity", l.quantity()));
        return data;
    }
}

package dev.meridian.orders.domain;

import dev.meridian.orders.domain.OrderStateMachine.Emit;
import dev.meridian.orders.domain.OrderStateMachine.Input;
import dev.meridian.orders.domain.OrderStateMachine.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.meridian.orders.domain.CancellationReason.CUSTOMER_CANCELLED;
import static dev.meridian.orders.domain.CancellationReason.OUT_OF_STOCK;
import static dev.meridian.orders.domain.CancellationReason.PAYMENT_DECLINED;
import static dev.meridian.orders.domain.CancellationReason.RESERVATION_EXPIRED;
import static dev.meridian.orders.domain.OrderStatus.CANCELLED;
import static dev.meridian.orders.domain.OrderStatus.CONFIRMED;
import static dev.meridian.orders.domain.OrderStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The order state machine, pure: every input in every state. */
class OrderStateMachineTest {

    private static final Instant PLACED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T00:05:00Z");

    private static Order order(OrderStatus status, PaymentStatus payment, CancellationReason reason) {
        return new Order("ord-00000000000000000000000000000001", "cust-1",
                List.of(new OrderLine("mug", 2, 1250), new OrderLine("tea", 1, 500)), 3000, "EUR",
                status, payment, reason, 3, "us-east-1", PLACED, PLACED);
    }

    /** The states an order can really be in. */
    static List<Order> reachableStates() {
        return List.of(
                order(PENDING, PaymentStatus.PENDING, null),
                order(CONFIRMED, PaymentStatus.CAPTURED, null),
                order(CONFIRMED, PaymentStatus.REFUNDED, null),
                order(CANCELLED, PaymentStatus.PENDING, OUT_OF_STOCK),
                order(CANCELLED, PaymentStatus.PENDING, RESERVATION_EXPIRED),
                order(CANCELLED, PaymentStatus.PENDING, CUSTOMER_CANCELLED),
                order(CANCELLED, PaymentStatus.DECLINED, PAYMENT_DECLINED),
                order(CANCELLED, PaymentStatus.CAPTURED, CUSTOMER_CANCELLED),
                order(CANCELLED, PaymentStatus.CAPTURED, RESERVATION_EXPIRED),
                order(CANCELLED, PaymentStatus.REFUNDED, CUSTOMER_CANCELLED));
    }

    /** Every status with every payment status, reachable or not: the invariants must hold for all. */
    static Stream<Arguments> everyStateAndInput() {
        List<Arguments> out = new ArrayList<>();
        for (OrderStatus s : OrderStatus.values()) {
            for (PaymentStatus p : PaymentStatus.values()) {
                for (Input input : Input.values()) {
                    out.add(arguments(order(s, p, s == CANCELLED ? CUSTOMER_CANCELLED : null), input));
                }
            }
        }
        return out.stream();
    }

    /** Expected outcome: null for "changes nothing", else status, payment, reason, emitted event. */
    record Expected(OrderStatus status, PaymentStatus payment, CancellationReason reason, Emit emit) {
    }

    static Stream<Arguments> table() {
        Order pending = order(PENDING, PaymentStatus.PENDING, null);
        Order confirmed = order(CONFIRMED, PaymentStatus.CAPTURED, null);
        Order cancelledUnpaid = order(CANCELLED, PaymentStatus.PENDING, CUSTOMER_CANCELLED);
        Order cancelledCaptured = order(CANCELLED, PaymentStatus.CAPTURED, CUSTOMER_CANCELLED);
        Order cancelledRefunded = order(CANCELLED, PaymentStatus.REFUNDED, CUSTOMER_CANCELLED);
        Order cancelledDeclined = order(CANCELLED, PaymentStatus.DECLINED, PAYMENT_DECLINED);
        return Stream.of(
                // PENDING: every outcome moves it, and only forward
                arguments(pending, Input.INVENTORY_REJECTED, new Expected(CANCELLED, PaymentStatus.PENDING, OUT_OF_STOCK, Emit.ORDER_CANCELLED)),
                arguments(pending, Input.RESERVATION_EXPIRED, new Expected(CANCELLED, PaymentStatus.PENDING, RESERVATION_EXPIRED, Emit.ORDER_CANCELLED)),
                arguments(pending, Input.PAYMENT_CAPTURED, new Expected(CONFIRMED, PaymentStatus.CAPTURED, null, Emit.ORDER_CONFIRMED)),
                arguments(pending, Input.PAYMENT_FAILED, new Expected(CANCELLED, PaymentStatus.DECLINED, PAYMENT_DECLINED, Emit.ORDER_CANCELLED)),
                arguments(pending, Input.PAYMENT_REFUNDED, new Expected(PENDING, PaymentStatus.REFUNDED, null, Emit.NONE)),
                arguments(pending, Input.CUSTOMER_CANCEL, new Expected(CANCELLED, PaymentStatus.PENDING, CUSTOMER_CANCELLED, Emit.ORDER_CANCELLED)),
                // CONFIRMED: only the customer cancels it; late inventory/payment outcomes change nothing
                arguments(confirmed, Input.INVENTORY_REJECTED, null),
                arguments(confirmed, Input.RESERVATION_EXPIRED, null),
                arguments(confirmed, Input.PAYMENT_CAPTURED, null),
                arguments(confirmed, Input.PAYMENT_FAILED, null),
                arguments(confirmed, Input.PAYMENT_REFUNDED, new Expected(CONFIRMED, PaymentStatus.REFUNDED, null, Emit.NONE)),
                arguments(confirmed, Input.CUSTOMER_CANCEL, new Expected(CANCELLED, PaymentStatus.CAPTURED, CUSTOMER_CANCELLED, Emit.ORDER_CANCELLED)),
                // CANCELLED: final; only the payment view still rises, with no event, and the reason is kept
                arguments(cancelledUnpaid, Input.INVENTORY_REJECTED, null),
                arguments(cancelledUnpaid, Input.RESERVATION_EXPIRED, null),
                arguments(cancelledUnpaid, Input.CUSTOMER_CANCEL, null),
                arguments(cancelledUnpaid, Input.PAYMENT_CAPTURED, new Expected(CANCELLED, PaymentStatus.CAPTURED, CUSTOMER_CANCELLED, Emit.NONE)),
                arguments(cancelledUnpaid, Input.PAYMENT_FAILED, new Expected(CANCELLED, PaymentStatus.DECLINED, CUSTOMER_CANCELLED, Emit.NONE)),
                arguments(cancelledUnpaid, Input.PAYMENT_REFUNDED, new Expected(CANCELLED, PaymentStatus.REFUNDED, CUSTOMER_CANCELLED, Emit.NONE)),
                arguments(cancelledCaptured, Input.PAYMENT_CAPTURED, null),
                arguments(cancelledCaptured, Input.PAYMENT_FAILED, null),
                arguments(cancelledCaptured, Input.PAYMENT_REFUNDED, new Expected(CANCELLED, PaymentStatus.REFUNDED, CUSTOMER_CANCELLED, Emit.NONE)),
                arguments(cancelledCaptured, Input.CUSTOMER_CANCEL, null),
                arguments(cancelledRefunded, Input.PAYMENT_CAPTURED, null),
                arguments(cancelledRefunded, Input.PAYMENT_FAILED, null),
                arguments(cancelledRefunded, Input.PAYMENT_REFUNDED, null),
                arguments(cancelledRefunded, Input.INVENTORY_REJECTED, null),
                arguments(cancelledDeclined, Input.PAYMENT_FAILED, null),
                arguments(cancelledDeclined, Input.PAYMENT_CAPTURED, null),
                arguments(cancelledDeclined, Input.RESERVATION_EXPIRED, null));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("table")
    void apply_shouldFollowTheTable_whenInputArrivesInState(Order order, Input input, Expected expected) {
        // when
        Optional<Transition> transition = OrderStateMachine.apply(order, input, NOW);
        // then
        if (expected == null) {
            assertThat(transition).isEmpty();
            return;
        }
        assertThat(transition).isPresent();
        Order next = transition.get().next();
        assertThat(next.status()).isEqualTo(expected.status());
        assertThat(next.paymentStatus()).isEqualTo(expected.payment());
        assertThat(next.cancellationReason()).isEqualTo(expected.reason());
        assertThat(transition.get().emit()).isEqualTo(expected.emit());
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndInput")
    void apply_shouldKeepTheOrderInvariants_whenAnyInputArrivesInAnyState(Order order, Input input) {
        // when
        Optional<Transition> transition = OrderStateMachine.apply(order, input, NOW);
        // then
        if (transition.isEmpty()) {
            return;
        }
        Order next = transition.get().next();
        // payment status only rises
        assertThat(order.paymentStatus().isAfter(next.paymentStatus())).as("payment went down").isFalse();
        // status only moves forward: CANCELLED is final, CONFIRMED never returns to PENDING
        if (order.status() == CANCELLED) {
            assertThat(next.status()).isEqualTo(CANCELLED);
        }
        if (order.status() == CONFIRMED) {
            assertThat(next.status()).isNotEqualTo(PENDING);
        }
        // CONFIRMED → CANCELLED only by the customer
        if (order.status() == CONFIRMED && next.status() == CANCELLED) {
            assertThat(input).isEqualTo(Input.CUSTOMER_CANCEL);
            assertThat(next.cancellationReason()).isEqualTo(CUSTOMER_CANCELLED);
        }
        // an event exactly when the status changes, and the right one
        Emit expectedEmit = next.status() == order.status() ? Emit.NONE
                : next.status() == CONFIRMED ? Emit.ORDER_CONFIRMED : Emit.ORDER_CANCELLED;
        assertThat(transition.get().emit()).isEqualTo(expectedEmit);
        // a transition is a real change, versioned and stamped; identity and money never change
        assertThat(next.status() != order.status() || next.paymentStatus() != order.paymentStatus()).isTrue();
        assertThat(next.version()).isEqualTo(order.version() + 1);
        assertThat(next.updatedAt()).isEqualTo(NOW);
        assertThat(next.createdAt()).isEqualTo(order.createdAt());
        assertThat(next.orderId()).isEqualTo(order.orderId());
        assertThat(next.customerId()).isEqualTo(order.customerId());
        assertThat(next.lines()).isEqualTo(order.lines());
        assertThat(next.total()).isEqualTo(order.total());
        assertThat(next.homeRegion()).isEqualTo(order.homeRegion());
        if (next.status() == CANCELLED) {
            assertThat(next.cancellationReason()).isNotNull();
        } else {
            assertThat(next.cancellationReason()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void apply_shouldReturnEmpty_whenTheSameInputIsAppliedTwice(Input input) {
        for (Order start : reachableStates()) {
            // given
            Order once = OrderStateMachine.apply(start, input, NOW).map(Transition::next).orElse(start);
            // when
            Optional<Transition> twice = OrderStateMachine.apply(once, input, NOW.plusSeconds(1));
            // then
            assertThat(twice).as(start.status() + "/" + start.paymentStatus() + " + " + input + " twice").isEmpty();
        }
    }

    @Test
    void apply_shouldReachTheSameEndState_whenPaymentEventsArriveInEitherOrder() {
        // given: a cancelled, unpaid order sees a late capture and its refund
        Order cancelled = order(CANCELLED, PaymentStatus.PENDING, RESERVATION_EXPIRED);
        // when
        Order captureFirst = applyAll(cancelled, Input.PAYMENT_CAPTURED, Input.PAYMENT_REFUNDED);
        Order refundFirst = applyAll(cancelled, Input.PAYMENT_REFUNDED, Input.PAYMENT_CAPTURED);
        // then
        assertThat(captureFirst.status()).isEqualTo(refundFirst.status()).isEqualTo(CANCELLED);
        assertThat(captureFirst.paymentStatus()).isEqualTo(refundFirst.paymentStatus()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(captureFirst.cancellationReason()).isEqualTo(refundFirst.cancellationReason()).isEqualTo(RESERVATION_EXPIRED);
    }

    @Test
    void apply_shouldKeepFirstOutcome_whenCompetingOutcomesArriveForAPendingOrder() {
        // given
        Order pending = order(PENDING, PaymentStatus.PENDING, null);
        // when: captured, then a stale expiry and rejection arrive
        Order confirmed = applyAll(pending, Input.PAYMENT_CAPTURED, Input.RESERVATION_EXPIRED, Input.INVENTORY_REJECTED, Input.PAYMENT_FAILED);
        // and: expired first, then the capture lands late
        Order expired = applyAll(pending, Input.RESERVATION_EXPIRED, Input.PAYMENT_CAPTURED);
        // then
        assertThat(confirmed.status()).isEqualTo(CONFIRMED);
        assertThat(confirmed.paymentStatus()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(expired.status()).isEqualTo(CANCELLED);
        assertThat(expired.cancellationReason()).isEqualTo(RESERVATION_EXPIRED);
        assertThat(expired.paymentStatus()).isEqualTo(PaymentStatus.CAPTURED);
    }

    private static Order applyAll(Order order, Input... inputs) {
        Order current = order;
        for (Input input : inputs) {
            current = OrderStateMachine.apply(current, input, NOW).map(Transition::next).orElse(current);
        }
        return current;
    }
}

package dev.meridian.inventory.domain.transfer;

import dev.meridian.inventory.domain.Stock;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.meridian.inventory.domain.transfer.TransferStep.DECLINE;
import static dev.meridian.inventory.domain.transfer.TransferStep.GRANT;
import static dev.meridian.inventory.domain.transfer.TransferStep.RECEIPT;
import static dev.meridian.inventory.domain.transfer.TransferStep.REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transfer protocol's domain: who writes each step, the status a replica derives, what steps do to allocations. */
class TransferDomainTest {

    private static final Transfer T = new Transfer("tr-1", "SKU-1", "us-east-1", "eu-west-1", 3);

    @Test
    void writer_shouldBeTheRecipientForRequestAndReceipt_andTheDonorForGrantAndDecline() {
        assertThat(REQUEST.writer(T)).isEqualTo("eu-west-1");
        assertThat(RECEIPT.writer(T)).isEqualTo("eu-west-1");
        assertThat(GRANT.writer(T)).isEqualTo("us-east-1");
        assertThat(DECLINE.writer(T)).isEqualTo("us-east-1");
    }

    @Test
    void status_shouldFollowTheStepsThisReplicaHolds_whateverOrderTheyArrivedIn() {
        assertThat(Transfer.status(Set.of(REQUEST))).isEqualTo(TransferStatus.REQUESTED);
        assertThat(Transfer.status(Set.of(REQUEST, GRANT))).isEqualTo(TransferStatus.SENT);
        assertThat(Transfer.status(Set.of(REQUEST, DECLINE))).isEqualTo(TransferStatus.DECLINED);
        assertThat(Transfer.status(Set.of(REQUEST, GRANT, RECEIPT))).isEqualTo(TransferStatus.RECEIVED);
        // the donor's replica may hold the grant before the request replicated back; the recipient's, the receipt before the grant
        assertThat(Transfer.status(Set.of(GRANT))).isEqualTo(TransferStatus.SENT);
        assertThat(Transfer.status(Set.of(REQUEST, RECEIPT))).isEqualTo(TransferStatus.RECEIVED);
    }

    @Test
    void status_shouldRefuseContradictorySteps_insteadOfGuessing() {
        assertThatThrownBy(() -> Transfer.status(EnumSet.of(REQUEST, GRANT, DECLINE))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Transfer.status(EnumSet.of(DECLINE, RECEIPT))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Transfer.status(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transfer_shouldRefuseOneRegionAZeroQuantityOrABlankId() {
        assertThatThrownBy(() -> new Transfer("tr", "SKU-1", "us-east-1", "us-east-1", 1)).hasMessageContaining("two regions");
        assertThatThrownBy(() -> new Transfer("tr", "SKU-1", "us-east-1", "eu-west-1", 0)).hasMessageContaining("quantity");
        assertThatThrownBy(() -> new Transfer(" ", "SKU-1", "us-east-1", "eu-west-1", 1)).hasMessageContaining("transferId");
    }

    @Test
    void grant_shouldTakeOnlyAvailableUnitsAndCountThemSentOut_keepingTheIdentity() {
        Stock donor = new Stock(5, 2, 1, 8);
        Stock granted = TransferMath.grant(donor, 5).orElseThrow();
        assertThat(granted).isEqualTo(new Stock(0, 2, 1, 8, 5, 0));
        assertThat(granted.conserved()).isTrue();
        assertThat(TransferMath.grant(donor, 6)).as("reserved and sold units are not the donor's to give").isEmpty();
        assertThat(TransferMath.receive(new Stock(0, 0, 0, 0), 5)).isEqualTo(new Stock(5, 0, 0, 0, 0, 5));
        assertThat(TransferMath.receive(new Stock(0, 0, 0, 0), 5).conserved()).isTrue();
    }

    @Test
    void conservation_shouldHoldAtEveryInstantOfATransfer_withTheUnitsInTransitBetweenGrantAndReceipt() {
        // given: three regions, 10 units in us-east-1
        Stock us = new Stock(10, 0, 0, 10);
        Stock eu = Stock.NONE;
        Stock ap = new Stock(1, 0, 0, 1);
        assertThat(TransferMath.conserved(List.of(us, eu, ap))).isTrue();
        // when: us-east-1 grants 4 to eu-west-1 (the request changed no allocation)
        us = TransferMath.grant(us, 4).orElseThrow();
        // then: 4 in transit, conservation holds
        assertThat(TransferMath.inTransit(List.of(us, eu, ap))).isEqualTo(4);
        assertThat(TransferMath.conserved(List.of(us, eu, ap))).isTrue();
        // when: eu-west-1 records the receipt
        eu = TransferMath.receive(eu, 4);
        // then
        assertThat(TransferMath.inTransit(List.of(us, eu, ap))).isZero();
        assertThat(TransferMath.conserved(List.of(us, eu, ap))).isTrue();
        assertThat(us.available() + eu.available() + ap.available()).isEqualTo(11);
    }

    @Test
    void conservation_shouldCatchAGrantThatForgotSentOut_andAReceiptCountedTwice() {
        // negative controls: the check fails when a step is applied wrongly
        Stock us = new Stock(10, 0, 0, 10);
        Stock forgotSentOut = new Stock(6, 0, 0, 10);
        assertThat(TransferMath.conserved(List.of(forgotSentOut, Stock.NONE))).isFalse();
        Stock granted = TransferMath.grant(us, 4).orElseThrow();
        Stock receivedTwice = TransferMath.receive(TransferMath.receive(Stock.NONE, 4), 4);
        assertThat(TransferMath.inTransit(List.of(granted, receivedTwice))).isNegative();
        assertThat(TransferMath.conserved(List.of(granted, receivedTwice))).isFalse();
    }
}

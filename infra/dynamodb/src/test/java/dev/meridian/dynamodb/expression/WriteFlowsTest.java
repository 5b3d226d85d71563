package dev.meridian.dynamodb.expression;

import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.meridian.dynamodb.expression.Av.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Whole requests as an application sends them: one set of placeholders shared by a condition
 * and an update, every placeholder used, the condition deciding whether the update applies.
 */
class WriteFlowsTest {

    @Test
    void optimisticVersionCheck_shouldPassOnTheExpectedVersionOnly() {
        ExpressionAttributes attrs = Av.attrs("#status", "status", "#version", "version", "#updatedAt", "updatedAt",
                ":expected", n(3), ":to", s("CONFIRMED"), ":one", n(1), ":now", s("2026-12-02T01:00:00Z"));
        Condition condition = Expressions.condition("ConditionExpression", "#version = :expected", attrs);
        Update update = Expressions.update("SET #status = :to, #version = #version + :one, #updatedAt = :now", attrs);
        assertThatCode(attrs::requireAllUsed).doesNotThrowAnyException();

        Map<String, AttributeValue> current = item("id", s("o-1"), "status", s("PENDING"), "version", n(3));
        assertThat(condition.test(current)).isTrue();
        Map<String, AttributeValue> next = update.apply(current);
        assertThat(next).isEqualTo(item("id", s("o-1"), "status", s("CONFIRMED"), "version", n(4), "updatedAt", s("2026-12-02T01:00:00Z")));
        assertThat(condition.test(next)).as("a replay of the same write finds the new version").isFalse();
    }

    @Test
    void counterWithGuard_shouldNeverGoBelowZero() {
        ExpressionAttributes attrs = Av.attrs("#available", "available", "#reserved", "reserved", ":q", n(2));
        Condition canReserve = Expressions.condition("ConditionExpression", "#available >= :q", attrs);
        Update reserve = Expressions.update("SET #available = #available - :q, #reserved = #reserved + :q", attrs);
        Map<String, AttributeValue> stock = item("available", n(3), "reserved", n(0));
        assertThat(canReserve.test(stock)).isTrue();
        stock = reserve.apply(stock);
        assertThat(stock).isEqualTo(item("available", n(1), "reserved", n(2)));
        assertThat(canReserve.test(stock)).isFalse();
    }

    @Test
    void upsertWithAdd_shouldCreateCountersFromNothing() {
        ExpressionAttributes attrs = Av.attrs("#sku", "sku", "#available", "available", "#restocked", "restocked",
                "#sold", "sold", ":sku", s("sku-1"), ":q", n(10), ":zero", n(0));
        Update restock = Expressions.update("SET #sku = :sku ADD #available :q, #restocked :q, #sold :zero", attrs);
        Map<String, AttributeValue> created = restock.apply(Map.of());
        assertThat(created).isEqualTo(item("sku", s("sku-1"), "available", n(10), "restocked", n(10), "sold", n(0)));
        assertThat(restock.apply(created)).containsEntry("available", n(20)).containsEntry("sold", n(0));
        assertThat(restock.topLevelAttributes()).containsExactlyInAnyOrder("sku", "available", "restocked", "sold");
    }

    @Test
    void leaseLock_shouldBeTakenWhenFreeOrExpired_andReleasedByItsHolder() {
        ExpressionAttributes attrs = Av.attrs("#owner", "owner", "#leaseUntil", "leaseUntil", "#token", "token",
                ":expiredBefore", n(1000), ":owner", s("w-1"), ":token", n(7));
        Condition acquirable = Expressions.condition("ConditionExpression", "attribute_not_exists(#owner) OR #leaseUntil < :expiredBefore", attrs);
        Condition held = Expressions.condition("ConditionExpression", "#owner = :owner AND #token = :token", attrs);
        Update release = Expressions.update("REMOVE #owner, #leaseUntil, #token", attrs);
        assertThatCode(attrs::requireAllUsed).doesNotThrowAnyException();

        assertThat(acquirable.test(item("pk", s("lock")))).isTrue();
        Map<String, AttributeValue> taken = item("pk", s("lock"), "owner", s("w-1"), "leaseUntil", n(1500), "token", n(7));
        assertThat(acquirable.test(taken)).isFalse();
        assertThat(acquirable.test(item("pk", s("lock"), "owner", s("w-1"), "leaseUntil", n(999)))).isTrue();
        assertThat(held.test(taken)).isTrue();
        assertThat(held.test(item("pk", s("lock"), "owner", s("w-2"), "token", n(7)))).isFalse();
        assertThat(release.apply(taken)).isEqualTo(item("pk", s("lock")));
    }

    @Test
    void fenceCondition_shouldAcceptTheFirstAndNewerTokensOnly() {
        ExpressionAttributes attrs = Av.attrs("#fence", "fence", ":fence", n(5));
        Condition fence = Expressions.condition("ConditionExpression", "attribute_not_exists(#fence) OR #fence <= :fence", attrs);
        assertThat(fence.test(item("pk", s("doc")))).isTrue();
        assertThat(fence.test(item("fence", n(5)))).isTrue();
        assertThat(fence.test(item("fence", n(4)))).isTrue();
        assertThat(fence.test(item("fence", n(6)))).as("a stale holder's write").isFalse();
    }

    @Test
    void queryWithFilterAndProjection_shouldShareThePlaceholders() {
        ExpressionAttributes attrs = Av.attrs("#bucket", "bucket", "#expiresAt", "expiresAt", "#status", "status",
                ":bucket", s("b-3"), ":now", n(2000), ":open", s("OPEN"));
        KeyCondition key = Expressions.keyCondition("#bucket = :bucket AND #expiresAt < :now", attrs);
        Condition filter = Expressions.condition("FilterExpression", "#status = :open", attrs);
        Projection projection = Expressions.projection("#bucket, #expiresAt", attrs);
        assertThatCode(attrs::requireAllUsed).doesNotThrowAnyException();
        assertThat(key.terms()).containsExactly(
                new KeyCondition.Term("bucket", KeyCondition.Op.EQ, java.util.List.of(s("b-3"))),
                new KeyCondition.Term("expiresAt", KeyCondition.Op.LT, java.util.List.of(n(2000))));
        Map<String, AttributeValue> row = item("bucket", s("b-3"), "expiresAt", n(1500), "status", s("OPEN"), "data", s("x"));
        assertThat(filter.test(row)).isTrue();
        assertThat(projection.apply(row)).isEqualTo(item("bucket", s("b-3"), "expiresAt", n(1500)));
    }
}

package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TransactWriteItemsConformanceTest extends ConformanceTest {

    private String accounts;
    private String log;

    @BeforeAll
    void createTables() {
        accounts = table("id", ScalarAttributeType.S, null, null);
        log = table("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    private TransactWriteItem put(String table, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }

    @Test
    void transactWrite_shouldApplyAll_whenEveryConditionHolds() {
        db.putItem(r -> r.tableName(accounts).item(item("id", s("t1-a"), "balance", n(10))));
        db.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(Update.builder().tableName(accounts).key(Map.of("id", s("t1-a")))
                        .updateExpression("SET balance = balance - :x").conditionExpression("balance >= :x")
                        .expressionAttributeValues(Map.of(":x", n(4))).build()).build(),
                put(log, item("pk", s("t1"), "sk", n(1))),
                TransactWriteItem.builder().delete(Delete.builder().tableName(log).key(item("pk", s("t1"), "sk", n(99))).build()).build()));
        assertThat(db.getItem(r -> r.tableName(accounts).key(Map.of("id", s("t1-a")))).item()).containsEntry("balance", n(6));
        assertThat(db.getItem(r -> r.tableName(log).key(item("pk", s("t1"), "sk", n(1)))).hasItem()).isTrue();
    }

    @Test
    void transactWrite_shouldCancelAllWithReasons_whenOneConditionFails() {
        db.putItem(r -> r.tableName(accounts).item(item("id", s("t2-a"), "balance", n(1))));
        var e = catchThrowableOfType(TransactionCanceledException.class, () -> db.transactWriteItems(r -> r.transactItems(
                put(log, item("pk", s("t2"), "sk", n(1))),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(accounts)
                        .key(Map.of("id", s("t2-a"))).conditionExpression("balance >= :x")
                        .expressionAttributeValues(Map.of(":x", n(5)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build())));
        assertThat(e).isNotNull();
        assertThat(message(e)).isEqualTo("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]");
        assertThat(e.cancellationReasons()).hasSize(2);
        assertThat(e.cancellationReasons().get(0).code()).isEqualTo("None");
        assertThat(e.cancellationReasons().get(1).code()).isEqualTo("ConditionalCheckFailed");
        assertThat(e.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
        assertThat(e.cancellationReasons().get(1).item()).isEqualTo(item("id", s("t2-a"), "balance", n(1)));
        assertThat(db.getItem(r -> r.tableName(log).key(item("pk", s("t2"), "sk", n(1)))).hasItem()).isFalse();
    }

    @Test
    void transactWrite_shouldRejectTwoOperationsOnOneItem() {
        var e = failure("ValidationException", () -> db.transactWriteItems(r -> r.transactItems(
                put(accounts, item("id", s("t3"))), put(accounts, item("id", s("t3"), "x", n(1))))));
        assertThat(message(e)).isEqualTo("Transaction request cannot include multiple operations on one item");
        assertThat(db.getItem(r -> r.tableName(accounts).key(Map.of("id", s("t3")))).hasItem()).isFalse();
    }

    @Test
    void transactWrite_shouldNotReapply_whenSameClientRequestTokenRepeats() {
        db.putItem(r -> r.tableName(accounts).item(item("id", s("t4"), "n", n(0))));
        TransactWriteItem inc = TransactWriteItem.builder().update(Update.builder().tableName(accounts)
                .key(Map.of("id", s("t4"))).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", n(1))).build()).build();
        db.transactWriteItems(r -> r.transactItems(inc).clientRequestToken("token-t4"));
        db.transactWriteItems(r -> r.transactItems(inc).clientRequestToken("token-t4"));
        assertThat(db.getItem(r -> r.tableName(accounts).key(Map.of("id", s("t4")))).item()).containsEntry("n", n(1));
        var e = catchThrowableOfType(IdempotentParameterMismatchException.class, () -> db.transactWriteItems(r -> r
                .transactItems(put(accounts, item("id", s("t4-other")))).clientRequestToken("token-t4")));
        assertThat(e).isNotNull();
        assertThat(db.getItem(r -> r.tableName(accounts).key(Map.of("id", s("t4-other")))).hasItem()).isFalse();
    }
}

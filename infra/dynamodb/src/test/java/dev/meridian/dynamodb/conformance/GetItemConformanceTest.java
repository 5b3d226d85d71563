package dev.meridian.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GetItemConformanceTest extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = table("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.B);
    }

    private static AttributeValue b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = (byte) bytes[i];
        return AttributeValue.fromB(SdkBytes.fromByteArray(out));
    }

    @Test
    void getItem_shouldRoundTripEveryType() {
        var it = item("pk", s("types"), "sk", b(1, 255), "s", s(""), "n", n("-0.000123"), "bool", AttributeValue.fromBool(false),
                "null", AttributeValue.fromNul(true), "ss", AttributeValue.fromSs(List.of("b", "a")),
                "ns", AttributeValue.fromNs(List.of("1", "2.5")), "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))),
                "l", AttributeValue.fromL(List.of(s("x"), n(1), AttributeValue.fromM(Map.of("deep", AttributeValue.fromL(List.of()))))),
                "m", AttributeValue.fromM(Map.of("a", AttributeValue.fromM(Map.of("b", s("c"))))));
        db.putItem(r -> r.tableName(table).item(it));
        var got = db.getItem(r -> r.tableName(table).key(item("pk", s("types"), "sk", b(1, 255)))).item();
        assertThat(got).isEqualTo(it);
    }

    @Test
    void getItem_shouldReturnNoItem_whenSortKeyDiffers() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("miss"), "sk", b(1))));
        var out = db.getItem(r -> r.tableName(table).key(item("pk", s("miss"), "sk", b(2))));
        assertThat(out.hasItem()).isFalse();
    }

    @Test
    void getItem_shouldProjectNestedPathsWithoutKeys_whenProjectionGiven() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("proj"), "sk", b(1), "a", s("x"),
                "m", AttributeValue.fromM(Map.of("n", s("y"), "o", s("z"))), "l", AttributeValue.fromL(List.of(n(1), n(2))))));
        var got = db.getItem(r -> r.tableName(table).key(item("pk", s("proj"), "sk", b(1)))
                .projectionExpression("a, #m.#n, l[1]").expressionAttributeNames(Map.of("#m", "m", "#n", "n"))).item();
        assertThat(got).isEqualTo(item("a", s("x"), "m", AttributeValue.fromM(Map.of("n", s("y"))),
                "l", AttributeValue.fromL(List.of(n(2)))));
    }

    @Test
    void getItem_shouldChargeHalfUnit_whenEventuallyConsistent() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("cap"), "sk", b(1))));
        var eventual = db.getItem(r -> r.tableName(table).key(item("pk", s("cap"), "sk", b(1)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        var strong = db.getItem(r -> r.tableName(table).key(item("pk", s("cap"), "sk", b(1))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(eventual.consumedCapacity().capacityUnits()).isEqualTo(0.5);
        assertThat(strong.consumedCapacity().capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void getItem_shouldRejectKey_whenAttributeExtraOrMistyped() {
        var e = failure("ValidationException", () -> db.getItem(r -> r.tableName(table)
                .key(item("pk", s("x"), "sk", b(1), "extra", s("y")))));
        assertThat(message(e)).isEqualTo("The provided key element does not match the schema");
        failure("ValidationException", () -> db.getItem(r -> r.tableName(table).key(item("pk", s("x"), "sk", s("notbinary")))));
    }
}

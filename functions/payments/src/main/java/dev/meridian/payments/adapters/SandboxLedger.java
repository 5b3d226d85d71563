package dev.meridian.payments.adapters;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.common.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Read side of the sandbox processor's ledger (table {@code SANDBOX_LEDGER_TABLE}, keys
 * {@code pk} = {@code ORDER#<orderId>}, {@code sk} = {@code CHARGE} | {@code REFUND}):
 * what the "processor" believes it charged and refunded. Tests and the local runtime
 * ({@code GET /_local/payments}) use it to check that every order was charged at most
 * once and every refund matches a charge.
 */
public final class SandboxLedger {

    static final String ORDER_PREFIX = "ORDER#";
    static final String SK_CHARGE = "CHARGE";
    static final String SK_REFUND = "REFUND";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public SandboxLedger(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = DynamoPaymentRepository.requireName(tableName, "sandbox ledger table name");
    }

    /** Every entry, ordered by order id, charge before refund (a full, consistent scan: sandbox sizes only). */
    public List<LedgerEntry> entries() {
        List<LedgerEntry> out = new ArrayList<>();
        dynamoDb.scanPaginator(ScanRequest.builder().tableName(tableName).consistentRead(true).build())
                .items().forEach(item -> out.add(fromItem(item)));
        out.sort(Comparator.comparing(LedgerEntry::orderId).thenComparing(LedgerEntry::kind));
        return out;
    }

    /** The entries of one order: at most one charge and one refund. */
    public List<LedgerEntry> entries(String orderId) {
        List<LedgerEntry> out = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder()
                        .tableName(tableName)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", "pk"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(ORDER_PREFIX + orderId)))
                        .consistentRead(true)
                        .build())
                .items().forEach(item -> out.add(fromItem(item)));
        out.sort(Comparator.comparing(LedgerEntry::kind));
        return out;
    }

    /** Approved charges of one order: 0 or 1 when payments works. */
    public long approvedCharges(String orderId) {
        return entries(orderId).stream().filter(LedgerEntry::isApprovedCharge).count();
    }

    /** Refunds of one order: 0 or 1. */
    public long refunds(String orderId) {
        return entries(orderId).stream().filter(LedgerEntry::isRefund).count();
    }

    /**
     * The ledger as JSON, for {@code GET /_local/payments}:
     * {@code {"entries": [...], "orders": {"<orderId>": {"charged": n, "refunded": n, "declined": n}}}}.
     */
    public ObjectNode toJson() {
        List<LedgerEntry> all = entries();
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("entries");
        Map<String, long[]> perOrder = new TreeMap<>();
        for (LedgerEntry entry : all) {
            list.add(entry.toJson());
            long[] counts = perOrder.computeIfAbsent(entry.orderId(), k -> new long[3]);
            if (entry.isApprovedCharge()) {
                counts[0]++;
            } else if (entry.isRefund()) {
                counts[1]++;
            } else {
                counts[2]++;
            }
        }
        ObjectNode orders = root.putObject("orders");
        perOrder.forEach((orderId, counts) -> {
            ObjectNode o = orders.putObject(orderId);
            o.put("charged", counts[0]);
            o.put("refunded", counts[1]);
            o.put("declined", counts[2]);
        });
        return root;
    }

    static LedgerEntry fromItem(Map<String, AttributeValue> item) {
        String pk = s(item, "pk");
        try {
            return new LedgerEntry(pk.substring(ORDER_PREFIX.length()), LedgerEntry.Kind.valueOf(s(item, "sk")),
                    s(item, "outcome"), s(item, "id"), s(item, "chargeId"), Long.parseLong(item.get("amount").n()),
                    s(item, "currency"), s(item, "reason"), Long.parseLong(item.get("requests").n()),
                    Instant.parse(s(item, "createdAt")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("sandbox ledger item " + pk + " is not readable: " + e.getMessage(), e);
        }
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}

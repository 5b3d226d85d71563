package dev.meridian.common.idempotency;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Idempotency on DynamoDB conditional writes.
 *
 * <p>{@link #execute} claims a key (IN_PROGRESS), runs the work, and stores its response
 * (COMPLETED). The same key again returns the stored response without running the work;
 * the same key with a different payload is refused ({@link IdempotencyKeyMismatchException},
 * 422); a key whose work is still running is refused ({@link IdempotencyInProgressException},
 * 409). If anything fails after the claim may have been written — the claim's own write
 * with an unknown outcome (a timeout, a lost connection), the work, or storing the response —
 * this attempt removes its claim (conditionally on its own claim id, never another attempt's),
 * so a retry runs at once instead of waiting. If the process dies mid-way, the claim lapses
 * after {@code inProgressTimeout} and a retry takes it over: the work itself must therefore be
 * safe to run again (Meridian's is: it writes conditionally on ids derived from the key).
 */
public final class IdempotencyStore {

    static final String STATUS_IN_PROGRESS = "IN_PROGRESS";
    static final String STATUS_COMPLETED = "COMPLETED";

    // rendered: the key is free, or its record has expired, or its claim has lapsed
    static final String CONDITION_CLAIMABLE =
            "attribute_not_exists(#id) OR #expiresAt < :nowSeconds OR (#status = :inProgress AND #claimUntil < :nowMillis)";
    // rendered: this attempt still holds its claim (the claim id is unique per attempt; two attempts
    // with the same payload must not complete or remove each other's claims)
    static final String CONDITION_HELD = "#status = :inProgress AND #claimId = :claimId";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Duration recordTtl;
    private final Duration inProgressTimeout;
    private final Clock clock;

    private IdempotencyStore(Builder b) {
        this.dynamoDb = b.dynamoDb;
        this.tableName = b.tableName;
        this.recordTtl = b.recordTtl;
        this.inProgressTimeout = b.inProgressTimeout;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The result of {@link #execute}: the response, and whether it was stored by an earlier call. */
    public record Outcome(String response, boolean replayed) {
    }

    /**
     * Runs {@code work} once per key.
     *
     * @param key         the idempotency key, already scoped by the caller ({@link DerivedIds#key})
     * @param payload     the request's canonical form; its hash is compared on replay
     * @param work        produces the response to store; must be safe to re-run after a crash
     */
    public Outcome execute(String key, String payload, Supplier<String> work) {
        String hash = sha256(payload);
        String claimId = UUID.randomUUID().toString();
        long nowMillis = clock.millis();
        try {
            dynamoDb.putItem(PutItemRequest.builder()
                    .tableName(tableName)
                    .item(Map.of(
                            "id", AttributeValue.fromS(key),
                            "status", AttributeValue.fromS(STATUS_IN_PROGRESS),
                            "payloadHash", AttributeValue.fromS(hash),
                            "claimId", AttributeValue.fromS(claimId),
                            "claimUntil", AttributeValue.fromN(Long.toString(nowMillis + inProgressTimeout.toMillis())),
                            "expiresAt", AttributeValue.fromN(Long.toString((nowMillis + recordTtl.toMillis()) / 1000))))
                    .conditionExpression(CONDITION_CLAIMABLE)
                    .expressionAttributeNames(Map.of("#id", "id", "#expiresAt", "expiresAt", "#status", "status", "#claimUntil", "claimUntil"))
                    .expressionAttributeValues(Map.of(
                            ":nowSeconds", AttributeValue.fromN(Long.toString(nowMillis / 1000)),
                            ":nowMillis", AttributeValue.fromN(Long.toString(nowMillis)),
                            ":inProgress", AttributeValue.fromS(STATUS_IN_PROGRESS)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            return existing(key, hash, e.item());
        } catch (RuntimeException unknownOutcome) {
            // the claim may have been written before the call failed: take it back
            release(key, claimId, unknownOutcome);
            throw unknownOutcome;
        }

        String response;
        try {
            response = work.get();
            complete(key, claimId, response);
        } catch (RuntimeException failure) {
            // the work failed, or its response could not be stored: a retry runs the work again
            // (safe by contract) rather than waiting for the claim to lapse
            release(key, claimId, failure);
            throw failure;
        }
        return new Outcome(response, false);
    }

    private Outcome existing(String key, String hash, Map<String, AttributeValue> old) {
        if (old == null || old.isEmpty()) {
            throw new IllegalStateException("idempotency record " + key + " conflicted but DynamoDB returned no item");
        }
        if (!hash.equals(old.get("payloadHash").s())) {
            throw new IdempotencyKeyMismatchException("this Idempotency-Key was already used with a different request body");
        }
        if (STATUS_COMPLETED.equals(old.get("status").s())) {
            return new Outcome(old.get("response").s(), true);
        }
        throw new IdempotencyInProgressException("a request with this Idempotency-Key is still being processed; retry shortly",
                untilLapse(old.get("claimUntil")));
    }

    /** Time until a claim lapses, never negative (a claim without a deadline: the whole timeout). */
    private Duration untilLapse(AttributeValue claimUntil) {
        long millis = claimUntil == null || claimUntil.n() == null
                ? inProgressTimeout.toMillis()
                : Long.parseLong(claimUntil.n()) - clock.millis();
        return Duration.ofMillis(Math.max(0, millis));
    }

    private void complete(String key, String claimId, String response) {
        try {
            dynamoDb.updateItem(UpdateItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of("id", AttributeValue.fromS(key)))
                    .updateExpression("SET #status = :completed, #response = :response REMOVE #claimUntil")
                    .conditionExpression(CONDITION_HELD)
                    .expressionAttributeNames(Map.of("#status", "status", "#response", "response", "#claimUntil", "claimUntil",
                            "#claimId", "claimId"))
                    .expressionAttributeValues(Map.of(
                            ":completed", AttributeValue.fromS(STATUS_COMPLETED),
                            ":response", AttributeValue.fromS(response),
                            ":inProgress", AttributeValue.fromS(STATUS_IN_PROGRESS),
                            ":claimId", AttributeValue.fromS(claimId)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Our claim lapsed and another attempt took it over; its response will be stored instead.
            // The work is idempotent by contract, so our response is equally valid for this caller.
        }
    }

    /** Removes this attempt's claim if it is there; a claim that is not (never written, completed, taken over) stays as it is. */
    private void release(String key, String claimId, RuntimeException cause) {
        try {
            dynamoDb.deleteItem(DeleteItemRequest.builder()
                    .tableName(tableName)
                    .key(Map.of("id", AttributeValue.fromS(key)))
                    .conditionExpression(CONDITION_HELD)
                    .expressionAttributeNames(Map.of("#status", "status", "#claimId", "claimId"))
                    .expressionAttributeValues(Map.of(
                            ":inProgress", AttributeValue.fromS(STATUS_IN_PROGRESS),
                            ":claimId", AttributeValue.fromS(claimId)))
                    .build());
        } catch (ConditionalCheckFailedException notOurs) {
            // nothing of ours to remove: the claim was never written, or is completed or another attempt's
        } catch (RuntimeException e) {
            // The claim stays until it lapses (inProgressTimeout); the caller sees the original failure.
            cause.addSuppressed(e);
        }
    }

    static String sha256(String payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** How much longer than the function's timeout a claim lasts (clock skew, the SDK's last attempt). */
    public static final Duration CLAIM_MARGIN = Duration.ofSeconds(2);

    /** Validates in {@link #build()}. */
    public static final class Builder {
        private DynamoDbClient dynamoDb;
        private String tableName;
        private Duration recordTtl = Duration.ofHours(24);
        private Duration inProgressTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();

        public Builder dynamoDb(DynamoDbClient dynamoDb) {
            this.dynamoDb = dynamoDb;
            return this;
        }

        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** How long a completed response is replayed (and the record kept, via TTL). */
        public Builder recordTtl(Duration recordTtl) {
            this.recordTtl = recordTtl;
            return this;
        }

        /** How long a claim protects work in progress; longer than the function timeout. */
        public Builder inProgressTimeout(Duration inProgressTimeout) {
            this.inProgressTimeout = inProgressTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The claim outlives the function by {@link #CLAIM_MARGIN}: {@code FUNCTION_TIMEOUT_SECONDS}
         * (the template's FunctionTimeout) + margin; without it the default 30 s. A claim much longer
         * than the function only makes the retries of a crashed request wait (409) for nothing.
         */
        public Builder inProgressTimeoutFrom(dev.meridian.common.config.Environment env) {
            long seconds = env.getLong("FUNCTION_TIMEOUT_SECONDS", -1);
            if (seconds > 0) {
                this.inProgressTimeout = Duration.ofSeconds(seconds).plus(CLAIM_MARGIN);
            }
            return this;
        }

        public IdempotencyStore build() {
            Objects.requireNonNull(dynamoDb, "dynamoDb client is required");
            if (tableName == null || tableName.isBlank()) {
                throw new IllegalArgumentException("idempotency table name is required");
            }
            Objects.requireNonNull(clock, "clock");
            if (inProgressTimeout == null || inProgressTimeout.isNegative() || inProgressTimeout.isZero()) {
                throw new IllegalArgumentException("inProgressTimeout must be positive");
            }
            if (recordTtl == null || recordTtl.compareTo(inProgressTimeout) <= 0) {
                throw new IllegalArgumentException("recordTtl must be longer than inProgressTimeout");
            }
            return new IdempotencyStore(this);
        }
    }
}

package dev.meridian.inventory.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.common.json.Json;
import dev.meridian.common.lock.DistributedLock;
import dev.meridian.common.contracts.Line;
import dev.meridian.common.contracts.orders.OrderPlaced;
import dev.meridian.common.lock.Lease;
import dev.meridian.common.lock.StaleLeaseException;
import dev.meridian.common.outbox.Outbox;
import dev.meridian.inventory.adapters.DynamoInventoryRepository;
import dev.meridian.inventory.app.InventoryService;
import dev.meridian.inventory.domain.Product;
import dev.meridian.testkit.LocalEngines;
import dev.meridian.testkit.MutableClock;
import dev.meridian.testkit.TemplateTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(LocalEngines.class)
class ReservationSweeperHandlerTest {

    private static final String REGION = "us-east-1";
    private final DynamoDbClient dynamoDb = LocalEngines.dynamoDb();
    // the real time: DynamoDB Local enforces TTL, and the lock items carry one derived from this clock
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private String outboxTable;
    private String locksTable;
    private DynamoInventoryRepository repository;
    private InventoryService service;

    @BeforeEach
    void setUp() {
        String inventoryTable = TemplateTables.create(dynamoDb, "InventoryTable", LocalEngines.uniqueName("inventory"));
        outboxTable = TemplateTables.create(dynamoDb, "OutboxTable", LocalEngines.uniqueName("outbox"));
        locksTable = TemplateTables.create(dynamoDb, "LocksTable", LocalEngines.uniqueName("locks"));
        repository = new DynamoInventoryRepository(dynamoDb, inventoryTable, new Outbox(outboxTable), REGION, clock);
        service = new InventoryService(repository, clock, REGION, Duration.ofMinutes(15));
        repository.upsert(new Product("SKU-1", "Widget", 500, "EUR"));
        repository.restock("SKU-1", 10, null);
        service.onOrderPlaced(new OrderPlaced("ord-1", "c1", List.of(new Line("SKU-1", 1)), 500, "EUR"), REGION, null);
    }

    private DistributedLock lock(String owner) {
        return DistributedLock.builder().dynamoDb(dynamoDb).tableName(locksTable).owner(owner).clock(clock).build();
    }

    private JsonNode run(ReservationSweeperHandler handler) {
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.parseTrusted(out.toString(StandardCharsets.UTF_8));
    }

    private List<String> outboxTypes() {
        return dynamoDb.scan(b -> b.tableName(outboxTable).consistentRead(true)).items().stream()
                .map(i -> i.get("detailType").s()).sorted().toList();
    }

    @Test
    void handleRequest_shouldReportExpiredReservationOnce_whenRunTwiceAfterExpiry() {
        // given
        var handler = new ReservationSweeperHandler(service, lock("sweeper-a"), REGION);
        assertThat(run(handler).get("expired").asInt()).isZero();
        // when
        clock.advance(Duration.ofMinutes(16));
        JsonNode first = run(handler);
        JsonNode second = run(handler);
        // then
        assertThat(first.get("expired").asInt()).isEqualTo(1);
        assertThat(second.get("expired").asInt()).isZero();
        assertThat(outboxTypes()).containsExactly("InventoryReserved", "ReservationExpired");
    }

    @Test
    void handleRequest_shouldTakeNoLock_whenNothingHasExpired() {
        // given: ord-1's reservation expires in 15 minutes
        var handler = new ReservationSweeperHandler(service, lock("sweeper-a"), REGION);

        // when
        JsonNode idle = run(handler);

        // then: one look at the expiry index; the lock table is not written
        assertThat(idle.get("expired").asInt()).isZero();
        assertThat(idle.has("fencingToken")).isFalse();
        assertThat(lockItems()).isZero();

        // and (control: the check would see a lock taken) once it has expired, the sweep runs under the lock
        clock.advance(Duration.ofMinutes(16));
        JsonNode swept = run(handler);
        assertThat(swept.get("expired").asInt()).isEqualTo(1);
        assertThat(swept.get("fencingToken").asLong()).isPositive();
        assertThat(lockItems()).isEqualTo(1);
    }

    private int lockItems() {
        return dynamoDb.scan(b -> b.tableName(locksTable).consistentRead(true)).count();
    }

    @Test
    void handleRequest_shouldSkip_whenAnotherSweeperHoldsTheRegionLock() {
        // given
        clock.advance(Duration.ofMinutes(16));
        try (Lease other = lock("sweeper-b").tryAcquire(DistributedLock.regionalKey("reservation-sweeper", REGION), Duration.ofMinutes(5)).orElseThrow()) {
            // when
            JsonNode result = run(new ReservationSweeperHandler(service, lock("sweeper-a"), REGION));
            // then
            assertThat(result.get("expired").asInt()).isZero();
            assertThat(result.get("skipped").asText()).contains("reservation-sweeper");
            assertThat(outboxTypes()).containsExactly("InventoryReserved");
            assertThat(other.isValid()).isTrue();
        }
    }

    @Test
    void sweepExpired_shouldRejectTheStaleSweepersWrite_whenItWasPausedPastItsLease() {
        // given: sweeper A holds the lock, then pauses past its lease; sweeper B takes over
        String key = DistributedLock.regionalKey("reservation-sweeper", REGION);
        Lease stale = lock("sweeper-a").tryAcquire(key, Duration.ofSeconds(30)).orElseThrow();
        clock.advance(Duration.ofMinutes(16));
        Lease current = lock("sweeper-b").tryAcquire(key, Duration.ofSeconds(30)).orElseThrow();
        assertThat(current.fencingToken()).isGreaterThan(stale.fencingToken());
        // when A resumes and writes with its old lease
        // then
        assertThatThrownBy(() -> service.sweepExpired(10, stale)).isInstanceOf(StaleLeaseException.class);
        assertThat(outboxTypes()).containsExactly("InventoryReserved");
        // and the current holder's write goes through
        assertThat(service.sweepExpired(10, current)).isEqualTo(1);
        assertThat(outboxTypes()).containsExactly("InventoryReserved", "ReservationExpired");
    }
}

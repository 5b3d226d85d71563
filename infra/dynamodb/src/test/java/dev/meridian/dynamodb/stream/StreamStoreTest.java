package dev.meridian.dynamodb.stream;

import dev.meridian.dynamodb.DynamoDbException;
import dev.meridian.dynamodb.engine.ItemChange;
import dev.meridian.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The stream store on its own, with a clock the test moves: retention, expiry, rollover. */
class StreamStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private static final List<KeyElement> KEY = List.of(new KeyElement("pk", "HASH"));

    private StreamStore store(StreamSettings settings) {
        return new StreamStore(settings, clock);
    }

    private static Map<String, AttributeValue> item(String pk, long v) {
        return Map.of("pk", AttributeValue.s(pk), "v", AttributeValue.n(v));
    }

    private void put(StreamStore store, String table, String pk, long v) {
        store.committed(List.of(new ItemChange(table, Map.of("pk", AttributeValue.s(pk)), null, item(pk, v),
                ItemChange.Origin.CLIENT)), clock.millis());
    }

    private static String arn(Stream s) {
        return s.arn("us-east-1");
    }

    private static List<String> pks(StreamStore.Page page) {
        return page.records().stream().map(r -> ((AttributeValue.S) r.keysMap().get("pk")).value()).toList();
    }

    @Test
    void recordsOlderThanRetention_shouldBeTrimmed_andReadingThemIsTrimmedDataAccess() {
        // given: one shard throughout (no time rollover within the test)
        StreamStore store = store(StreamSettings.defaults().withRollover(Duration.ofDays(30), 1_000_000));
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        String shard = s.shards().get(0).id;
        put(store, "t", "old", 1);
        String oldSeq = SequenceNumbers.format(s.shards().get(0).firstRetained());
        clock.advance(Duration.ofHours(23));
        put(store, "t", "recent", 2);
        // when: the first record turns 24 hours old
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        store.trim();
        // then
        String horizon = store.shardIterator(arn(s), shard, "TRIM_HORIZON", null);
        assertThat(pks(store.records(horizon, 100))).containsExactly("recent");
        DynamoDbException at = catchThrowableOfType(DynamoDbException.class,
                () -> store.shardIterator(arn(s), shard, "AT_SEQUENCE_NUMBER", oldSeq));
        assertThat(at.type()).isEqualTo("TrimmedDataAccessException");
        // an iterator taken before the trim, used within its 15 minutes, points at a trimmed record
        StreamStore fresh = store(StreamSettings.defaults().withRollover(Duration.ofDays(30), 1_000_000)
                .withIteratorLifetime(Duration.ofDays(2)));
        Stream f = fresh.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        put(fresh, "t", "x", 1);
        String early = fresh.shardIterator(arn(f), f.shards().get(0).id, "TRIM_HORIZON", null);
        clock.advance(Duration.ofHours(25));
        put(fresh, "t", "y", 2);
        DynamoDbException read = catchThrowableOfType(DynamoDbException.class, () -> fresh.records(early, 10));
        assertThat(read.type()).isEqualTo("TrimmedDataAccessException");
    }

    @Test
    void forgedIterator_shouldBeAValidationException_whenItsPositionOrIssueTimeIsNegative() {
        // regression: a negative position once reached the store and failed as a 500
        StreamStore store = store(StreamSettings.defaults());
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        put(store, "t", "a", 1);
        String real = store.shardIterator(arn(s), s.shards().get(0).id, "TRIM_HORIZON", null);
        String[] fields = new String(java.util.Base64.getUrlDecoder().decode(real), java.nio.charset.StandardCharsets.UTF_8).split("\\|", 5);
        for (int field : new int[]{1, 2}) {
            String[] forged = fields.clone();
            forged[field] = "-1";
            String wire = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(String.join("|", forged).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            DynamoDbException e = catchThrowableOfType(DynamoDbException.class, () -> store.records(wire, 10));
            assertThat(e).as("field " + field).isNotNull();
            assertThat(e.type()).isEqualTo("ValidationException");
        }
        // control: the real iterator reads the record
        assertThat(pks(store.records(real, 10))).containsExactly("a");
    }

    @Test
    void recordsWithinRetention_shouldStay() {
        // negative control of the trimming test: 23 h 59 min later the record is still there
        StreamStore store = store(StreamSettings.defaults());
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        put(store, "t", "a", 1);
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        store.trim();
        String it = store.shardIterator(arn(s), s.shards().get(0).id, "TRIM_HORIZON", null);
        assertThat(pks(store.records(it, 10))).containsExactly("a");
    }

    @Test
    void iterator_shouldExpireAfterFifteenMinutes() {
        // given
        StreamStore store = store(StreamSettings.defaults());
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        String it = store.shardIterator(arn(s), s.shards().get(0).id, "LATEST", null);
        // when
        clock.advance(Duration.ofMinutes(14));
        StreamStore.Page page = store.records(it, 10);
        clock.advance(Duration.ofMinutes(2));
        // then: the first is still valid (and its next iterator is fresh), the original is not
        assertThat(page.nextIterator()).isNotNull();
        assertThat(store.records(page.nextIterator(), 10).records()).isEmpty();
        DynamoDbException expired = catchThrowableOfType(DynamoDbException.class, () -> store.records(it, 10));
        assertThat(expired.type()).isEqualTo("ExpiredIteratorException");
    }

    @Test
    void shard_shouldRollOverAfterNRecords_toAChildNamingItsParent() {
        // given
        StreamStore store = store(StreamSettings.defaults().withRollover(Duration.ofHours(4), 3));
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        // when
        for (int i = 0; i < 7; i++) put(store, "t", "p" + i, i);
        // then
        List<Shard> shards = s.shards();
        assertThat(shards).hasSize(3);
        assertThat(shards.get(0).parentId).isNull();
        assertThat(shards.get(1).parentId).isEqualTo(shards.get(0).id);
        assertThat(shards.get(2).parentId).isEqualTo(shards.get(1).id);
        assertThat(shards.get(0).closed()).isTrue();
        assertThat(shards.get(2).closed()).isFalse();
        assertThat(shards.get(1).startSequence).isEqualTo(shards.get(0).endSequence() + 1);
        StreamStore.Page first = store.records(store.shardIterator(arn(s), shards.get(0).id, "TRIM_HORIZON", null), 1000);
        assertThat(pks(first)).containsExactly("p0", "p1", "p2");
        assertThat(first.nextIterator()).as("closed shard read to its end").isNull();
        StreamStore.Page last = store.records(store.shardIterator(arn(s), shards.get(2).id, "TRIM_HORIZON", null), 1000);
        assertThat(pks(last)).containsExactly("p6");
        assertThat(last.nextIterator()).isNotNull();
    }

    @Test
    void describeStream_shouldPageShards_evenAfterTheLastSeenShardAgedOut() {
        // given: three shards (rollover every 2 records), the oldest aged out
        StreamStore store = store(StreamSettings.defaults().withRollover(Duration.ofDays(30), 2));
        StreamsApi api = new StreamsApi(store);
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        String aged = s.shards().get(0).id;
        put(store, "t", "a", 1);
        put(store, "t", "b", 2);
        clock.advance(Duration.ofMinutes(1));
        put(store, "t", "c", 3); // closes the first shard
        put(store, "t", "d", 4);
        clock.advance(Duration.ofHours(25));
        put(store, "t", "e", 5); // closes the second; the first has been closed and empty for over 24 h
        store.trim();
        var context = new dev.meridian.dynamodb.wire.RequestContext("us-east-1", null);
        // when
        var page1 = api.describeStream(dev.meridian.dynamodb.json.Json.object().put("StreamArn", arn(s)).put("Limit", 1), context);
        String next = page1.get("StreamDescription").get("LastEvaluatedShardId").asText();
        var page2 = api.describeStream(dev.meridian.dynamodb.json.Json.object().put("StreamArn", arn(s)).put("ExclusiveStartShardId", next), context);
        var fromAged = api.describeStream(dev.meridian.dynamodb.json.Json.object().put("StreamArn", arn(s)).put("ExclusiveStartShardId", aged), context);
        // then
        assertThat(s.shards()).hasSize(2).extracting(x -> x.id).doesNotContain(aged);
        assertThat(page1.get("StreamDescription").get("Shards")).hasSize(1);
        assertThat(page2.get("StreamDescription").get("Shards")).hasSize(1);
        assertThat(page2.get("StreamDescription").has("LastEvaluatedShardId")).isFalse();
        assertThat(fromAged.get("StreamDescription").get("Shards")).hasSize(2);
    }

    @Test
    void shard_shouldRollOverAfterNHours() {
        // given
        StreamStore store = store(StreamSettings.defaults().withRollover(Duration.ofHours(4), 1_000_000));
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        put(store, "t", "a", 1);
        // when
        clock.advance(Duration.ofHours(3));
        put(store, "t", "b", 2);
        clock.advance(Duration.ofHours(1));
        put(store, "t", "c", 3);
        // then
        assertThat(s.shards()).hasSize(2);
        assertThat(s.shards().get(1).parentId).isEqualTo(s.shards().get(0).id);
    }

    @Test
    void disabledStream_shouldDisappearOnceItsRecordsAgeOut() {
        // given
        StreamStore store = store(StreamSettings.defaults());
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        put(store, "t", "a", 1);
        store.disable("t", clock.millis());
        // when
        clock.advance(Duration.ofHours(23));
        List<Stream> stillThere = store.streams("t");
        clock.advance(Duration.ofHours(2));
        // then
        assertThat(stillThere).containsExactly(s);
        assertThat(store.streams("t")).isEmpty();
        assertThat(store.latest("t")).isNull();
    }

    @Test
    void page_shouldStopAtOneMegabyte() {
        // given: three records of about 400 KB each
        StreamStore store = store(StreamSettings.defaults());
        Stream s = store.enable("t", null, KEY, StreamViewType.NEW_IMAGE, clock.millis());
        for (int i = 0; i < 3; i++) {
            Map<String, AttributeValue> big = Map.of("pk", AttributeValue.s("b" + i), "pad", AttributeValue.s("x".repeat(400_000)));
            store.committed(List.of(new ItemChange("t", Map.of("pk", AttributeValue.s("b" + i)), null, big, ItemChange.Origin.CLIENT)), clock.millis());
        }
        // when
        StreamStore.Page first = store.records(store.shardIterator(arn(s), s.shards().get(0).id, "TRIM_HORIZON", null), 1000);
        StreamStore.Page second = store.records(first.nextIterator(), 1000);
        // then
        assertThat(pks(first)).containsExactly("b0", "b1");
        assertThat(pks(second)).containsExactly("b2");
    }

    @Test
    void sequenceNumbers_shouldRoundTripAndCompareAsNumbers() {
        assertThat(SequenceNumbers.format(0)).isEqualTo("100000000000000000000");
        assertThat(SequenceNumbers.parse(SequenceNumbers.format(1_764_547_200_000_123L))).isEqualTo(1_764_547_200_000_123L);
        assertThat(SequenceNumbers.format(9)).isLessThan(SequenceNumbers.format(10));
        assertThat(SequenceNumbers.parse("999999999999999999999")).isEqualTo(-1);
        assertThat(catchThrowableOfType(DynamoDbException.class, () -> SequenceNumbers.parse("12x")).type())
                .isEqualTo("ValidationException");
    }
}
